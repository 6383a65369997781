//! The routing table: every LSP method we handle, in one place, each a line or two that
//! forwards to the state owner (notifications) or to a handler on a snapshot (requests).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

use tokio::sync::{mpsc, watch};
use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService};

use super::convert::{self, Encoding};
use super::fault;
use super::handlers::{self, navigation::Goto};
use super::state::{self, FileEvent, FileEventKind, IndexProgress, Msg, Out, ServerOptions, World};

/// The command editors send to re-read the corpus from disk.
pub const REINDEX_COMMAND: &str = "dateline.reindex";

/// How long a request waits for a running index before answering from what is ready.
const INDEX_WAIT: Duration = Duration::from_millis(750);

/// What the client said it can do, for the handlers' choices.
#[derive(Default)]
struct ClientCaps {
    link_support: AtomicBool,
    /// `workspace/didChangeWatchedFiles` registrations: the client watches for us.
    dynamic_watch: AtomicBool,
    /// `workspace/configuration`: we may ask for the `dateline` section.
    configuration: AtomicBool,
    /// `workspace/{inlayHint,semanticTokens,codeLens}/refresh` are supported.
    refresh_inlay: AtomicBool,
    refresh_tokens: AtomicBool,
    refresh_lens: AtomicBool,
    /// `window.workDoneProgress`: the client shows server-initiated progress.
    progress: AtomicBool,
    /// `workspace.workspaceEdit` with `documentChanges` and the `create` resource
    /// operation: code actions may create a file (a first KB file).
    create_files: AtomicBool,
}

pub struct Backend {
    client: Client,
    /// To the state owner. Behind a mutex only because `Sender` is not `Sync` on every
    /// platform we care about; sends never block.
    owner: std::sync::Mutex<Sender<Msg>>,
    /// How many messages have been sent to the owner; requests wait for the world to catch up.
    submitted: AtomicU64,
    world: watch::Receiver<Arc<World>>,
    caps: Arc<ClientCaps>,
    /// The settings as last sent, to apply a partial update over.
    options: std::sync::Mutex<ServerOptions>,
    shutdown: Arc<AtomicBool>,
    /// Set on `initialized`: from then on the client accepts what we send.
    ready: watch::Sender<bool>,
}

impl Backend {
    /// Forwards a message to the owner. Runs synchronously at the start of a notification
    /// handler, before any `.await`, so messages keep the client's order.
    fn send(&self, msg: Msg) {
        let owner = self.owner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if owner.send(msg).is_ok() {
            self.submitted.fetch_add(1, Ordering::SeqCst);
        } else {
            tracing::error!("the state owner has stopped; dropping a message");
        }
    }

    /// Answers a request with `handler` on a world that includes every message sent before
    /// it. A panic in the handler (a bug) is answered with an internal error, logged, and
    /// the server goes on.
    async fn answer<T>(&self, handler: impl FnOnce(&World) -> Result<T>) -> Result<T> {
        let world = self.world().await;
        fault::guard("answering a request", || handler(&world)).unwrap_or_else(|message| {
            Err(jsonrpc::Error {
                code: jsonrpc::ErrorCode::InternalError,
                message: format!("internal error: {message}").into(),
                data: None,
            })
        })
    }

    /// A world that includes every message sent before this call. While an index runs, a
    /// request waits a little for it, then answers from what is ready rather than block.
    async fn world(&self) -> Arc<World> {
        let target = self.submitted.load(Ordering::SeqCst);
        let mut rx = self.world.clone();
        if rx.wait_for(|world| world.seq >= target).await.is_err() {
            // The owner is gone (shutting down): answer from the last world there was.
            return rx.borrow().clone();
        }
        let waited =
            tokio::time::timeout(INDEX_WAIT, rx.wait_for(|world| world.seq >= target && !world.indexing))
                .await
                .is_ok();
        if !waited {
            tracing::debug!("answering from a partial index");
        }
        rx.borrow().clone()
    }
}

/// Serves LSP on stdin/stdout (through `transport`, which keeps malformed input away from
/// tower-lsp-server). Returns whether the client shut down cleanly.
pub async fn serve() -> bool {
    let (owner_tx, owner_rx) = std::sync::mpsc::channel();
    let inbox = owner_tx.clone();
    let (world_tx, world_rx) = watch::channel(Arc::new(World::default()));
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Out>();
    let owner = std::thread::Builder::new()
        .name("dateline-state".into())
        .spawn(move || state::run(owner_rx, inbox, world_tx, out_tx));
    if let Err(err) = owner {
        tracing::error!("cannot start the state thread: {err}");
        return false;
    }
    let shutdown = Arc::new(AtomicBool::new(false));
    let shutdown_flag = shutdown.clone();
    // tower-lsp drops what the server sends before `initialize` has been answered, and the
    // index may finish sooner than that on a small corpus: the queue waits for `initialized`.
    let (ready_tx, mut ready_rx) = watch::channel(false);
    let caps = Arc::new(ClientCaps::default());
    let backend_caps = caps.clone();
    let (service, socket) = LspService::build(move |client: Client| {
        // What the owner produces goes out one at a time, in order, so an old version's
        // diagnostics are never published after a newer one's.
        let outgoing = client.clone();
        let out_caps = caps.clone();
        tokio::spawn(async move {
            if ready_rx.wait_for(|ready| *ready).await.is_err() {
                return;
            }
            let mut progress: Option<
                tower_lsp_server::OngoingProgress<
                    tower_lsp_server::Bounded,
                    tower_lsp_server::NotCancellable,
                >,
            > = None;
            while let Some(out) = out_rx.recv().await {
                match out {
                    Out::Publish { uri, diagnostics, version } => {
                        outgoing.publish_diagnostics(uri, diagnostics, version).await;
                    }
                    Out::Refresh => {
                        if let Err(err) = outgoing.workspace_diagnostic_refresh().await {
                            tracing::debug!("diagnostic refresh: {err}");
                        }
                    }
                    Out::RefreshViews => refresh_views(&outgoing, &out_caps).await,
                    Out::Progress(event) => {
                        if out_caps.progress.load(Ordering::SeqCst) {
                            report_progress(&outgoing, &mut progress, event).await;
                        }
                    }
                    Out::Error(message) => outgoing.show_message(MessageType::ERROR, message).await,
                }
            }
        });
        Backend {
            client,
            owner: std::sync::Mutex::new(owner_tx),
            submitted: AtomicU64::new(0),
            world: world_rx,
            caps: backend_caps,
            options: std::sync::Mutex::new(ServerOptions::default()),
            shutdown: shutdown_flag,
            ready: ready_tx,
        }
    })
    .finish();
    super::transport::serve(service, socket).await;
    shutdown.load(Ordering::SeqCst)
}

/// Asks the client to re-request what it shows from earlier answers, where it can.
async fn refresh_views(client: &Client, caps: &ClientCaps) {
    if caps.refresh_inlay.load(Ordering::SeqCst)
        && let Err(err) = client.inlay_hint_refresh().await
    {
        tracing::debug!("inlay hint refresh: {err}");
    }
    if caps.refresh_tokens.load(Ordering::SeqCst)
        && let Err(err) = client.semantic_tokens_refresh().await
    {
        tracing::debug!("semantic tokens refresh: {err}");
    }
    if caps.refresh_lens.load(Ordering::SeqCst)
        && let Err(err) = client.code_lens_refresh().await
    {
        tracing::debug!("code lens refresh: {err}");
    }
}

/// `$/progress` for indexing, when the client accepts a token.
async fn report_progress(
    client: &Client,
    progress: &mut Option<
        tower_lsp_server::OngoingProgress<tower_lsp_server::Bounded, tower_lsp_server::NotCancellable>,
    >,
    event: IndexProgress,
) {
    match event {
        IndexProgress::Begin { total } => {
            let token = ProgressToken::String(format!("dateline-index-{total}-{}", std::process::id()));
            if client.create_work_done_progress(token.clone()).await.is_err() {
                return; // The client does not do progress.
            }
            let begun = client
                .progress(token, "Indexing the corpus")
                .with_percentage(0)
                .with_message(format!("0/{total} files"))
                .begin()
                .await;
            *progress = Some(begun);
        }
        IndexProgress::Report { done, total } => {
            if let Some(ongoing) = progress.as_ref() {
                let percentage = (done * 100 / total.max(1)).min(100) as u32;
                ongoing.report_with_message(format!("{done}/{total} files"), percentage).await;
            }
        }
        IndexProgress::End { files, millis, memory } => {
            if let Some(ongoing) = progress.take() {
                let held = memory.map(|m| format!(", {m}")).unwrap_or_default();
                ongoing.finish_with_message(format!("{files} files in {millis} ms{held}")).await;
            }
        }
        IndexProgress::Failed => {
            if let Some(ongoing) = progress.take() {
                ongoing.finish_with_message("failed").await;
            }
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let encoding =
            Encoding::negotiate(caps.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
        let text = caps.text_document.as_ref();
        let link_support =
            text.and_then(|t| t.definition.as_ref()).and_then(|d| d.link_support).unwrap_or(false);
        self.caps.link_support.store(link_support, Ordering::SeqCst);
        let workspace = caps.workspace.as_ref();
        let dynamic_watch = workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        self.caps.dynamic_watch.store(dynamic_watch, Ordering::SeqCst);
        self.caps
            .configuration
            .store(workspace.and_then(|w| w.configuration).unwrap_or(false), Ordering::SeqCst);
        let workspace_edit = workspace.and_then(|w| w.workspace_edit.as_ref());
        let create_files = workspace_edit.is_some_and(|e| {
            e.document_changes == Some(true)
                && e.resource_operations
                    .as_ref()
                    .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create))
        });
        self.caps.create_files.store(create_files, Ordering::SeqCst);
        let window_progress = caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false);
        self.caps.progress.store(window_progress, Ordering::SeqCst);
        let refresh = |support: Option<bool>| support.unwrap_or(false);
        self.caps.refresh_inlay.store(
            refresh(workspace.and_then(|w| w.inlay_hint.as_ref()).and_then(|c| c.refresh_support)),
            Ordering::SeqCst,
        );
        self.caps.refresh_tokens.store(
            refresh(workspace.and_then(|w| w.semantic_tokens.as_ref()).and_then(|c| c.refresh_support)),
            Ordering::SeqCst,
        );
        self.caps.refresh_lens.store(
            refresh(workspace.and_then(|w| w.code_lens.as_ref()).and_then(|c| c.refresh_support)),
            Ordering::SeqCst,
        );
        // Pull diagnostics only where the client pulls; push otherwise.
        let pull = text.and_then(|t| t.diagnostic.as_ref()).is_some();
        let roots = workspace_roots(&params);
        let options = ServerOptions::from_json(params.initialization_options.as_ref());
        *self.options.lock().unwrap_or_else(|p| p.into_inner()) = options.clone();
        tracing::info!(
            "initialize: roots {roots:?}, {encoding:?}, pull diagnostics: {pull}, client watches: {dynamic_watch}"
        );
        self.send(Msg::Initialize { roots, encoding, options, pull, watch: !dynamic_watch });
        let folders = WorkspaceFoldersServerCapabilities {
            supported: Some(true),
            change_notifications: Some(OneOf::Left(true)),
        };
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                })),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                declaration_provider: Some(DeclarationCapability::Simple(true)),
                references_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                    ..Default::default()
                })),
                code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
                document_link_provider: Some(DocumentLinkOptions {
                    resolve_provider: Some(false),
                    work_done_progress_options: Default::default(),
                }),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![":".into(), "\"".into()]),
                    ..Default::default()
                }),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
                    SemanticTokensOptions {
                        legend: handlers::semantic_tokens::legend(),
                        full: Some(SemanticTokensFullOptions::Bool(true)),
                        range: Some(false),
                        work_done_progress_options: Default::default(),
                    },
                )),
                diagnostic_provider: pull.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("dateline".into()),
                        inter_file_dependencies: true,
                        workspace_diagnostics: true,
                        work_done_progress_options: Default::default(),
                    })
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![REINDEX_COMMAND.into()],
                    work_done_progress_options: Default::default(),
                }),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(folders),
                    file_operations: None,
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "dateline".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.ready.send_replace(true);
        if self.caps.dynamic_watch.load(Ordering::SeqCst) {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String(
                        "**/*.{md,markdown,txt,toml,ann,tsv,conllu,conf}".into(),
                    ),
                    kind: None,
                }],
            };
            let registration = Registration {
                id: "dateline-watched-files".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(err) = self.client.register_capability(vec![registration]).await {
                tracing::warn!(
                    "the client refused to watch files ({err}); changes on disk are seen when files are opened"
                );
            }
        }
        self.client
            .log_message(MessageType::INFO, concat!("dateline ", env!("CARGO_PKG_VERSION"), " ready"))
            .await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.send(Msg::Open { uri: doc.uri, version: doc.version, text: doc.text });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let doc = params.text_document;
        self.send(Msg::Change { uri: doc.uri, version: doc.version, changes: params.content_changes });
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.send(Msg::Close { uri: params.text_document.uri });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let events = params
            .changes
            .iter()
            .filter_map(|change| {
                let kind = match change.typ {
                    FileChangeType::CREATED => FileEventKind::Created,
                    FileChangeType::DELETED => FileEventKind::Deleted,
                    _ => FileEventKind::Changed,
                };
                Some(FileEvent { path: convert::uri_to_path(&change.uri)?, kind })
            })
            .collect();
        self.send(Msg::FilesChanged { events });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // `{"dateline": {...}}` from most clients; the section itself from some (Helix).
        let settings = &params.settings;
        let section = if settings["dateline"].is_object() {
            Some(&settings["dateline"])
        } else if settings.get("checks").is_some() || settings.get("inlayHints").is_some() {
            Some(settings)
        } else {
            None
        };
        let options = {
            let mut current = self.options.lock().unwrap_or_else(|p| p.into_inner());
            current.update(section);
            current.clone()
        };
        self.send(Msg::Configure { options });
        if section.is_none() && self.caps.configuration.load(Ordering::SeqCst) {
            // The client only said something changed: ask for our section.
            let items = vec![ConfigurationItem { scope_uri: None, section: Some("dateline".into()) }];
            if let Ok(values) = self.client.configuration(items).await
                && let Some(value) = values.first().filter(|v| v.is_object())
            {
                let options = {
                    let mut current = self.options.lock().unwrap_or_else(|p| p.into_inner());
                    current.update(Some(value));
                    current.clone()
                };
                self.send(Msg::Configure { options });
            }
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let paths = |folders: &[WorkspaceFolder]| {
            folders.iter().filter_map(|f| convert::uri_to_path(&f.uri)).collect()
        };
        self.send(Msg::Folders { added: paths(&params.event.added), removed: paths(&params.event.removed) });
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        match params.command.as_str() {
            REINDEX_COMMAND => {
                self.send(Msg::Reindex);
                Ok(None)
            }
            other => Err(jsonrpc::Error::invalid_params(format!("unknown command `{other}`"))),
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.answer(|world| handlers::hover::hover(world, &params)).await
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let links = self.caps.link_support.load(Ordering::SeqCst);
        self.answer(|world| handlers::navigation::goto(world, &params, Goto::Definition, links)).await
    }

    async fn goto_declaration(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let links = self.caps.link_support.load(Ordering::SeqCst);
        self.answer(|world| handlers::navigation::goto(world, &params, Goto::Declaration, links)).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.answer(|world| handlers::navigation::references(world, &params)).await
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        self.answer(|world| handlers::symbols::document_symbols(world, &params)).await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        self.answer(|world| handlers::symbols::workspace_symbols(world, &params)).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.answer(|world| handlers::semantic_tokens::full(world, &params)).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.answer(|world| handlers::inlay_hint::inlay_hints(world, &params)).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let create_files = self.caps.create_files.load(Ordering::SeqCst);
        self.answer(|world| handlers::code_action::code_actions(world, &params, create_files)).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.answer(|world| handlers::links::code_lenses(world, &params)).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.answer(|world| handlers::links::document_links(world, &params)).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.answer(|world| handlers::completion::completion(world, &params)).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.answer(|world| handlers::rename::prepare(world, &params)).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        self.answer(|world| handlers::rename::rename(world, &params)).await
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        self.answer(|world| Ok(handlers::diagnostics::pull(world, &params))).await
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        self.answer(|world| Ok(handlers::diagnostics::pull_workspace(world, &params))).await
    }
}

/// The corpus roots: workspace folders, else the deprecated root URI, else the current
/// directory.
#[allow(deprecated)]
fn workspace_roots(params: &InitializeParams) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|folder| convert::uri_to_path(&folder.uri))
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    if let Some(root) = params.root_uri.as_ref().and_then(convert::uri_to_path) {
        return vec![root];
    }
    vec![std::env::current_dir().unwrap_or_default()]
}
