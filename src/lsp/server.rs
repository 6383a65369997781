//! The routing table: every LSP method we handle, in one place, each a line or two that
//! forwards to the state owner (notifications) or to a handler on a snapshot (requests).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;

use tokio::sync::{mpsc, watch};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use super::convert::{self, Encoding};
use super::handlers::{self, navigation::Goto};
use super::state::{self, Msg, Publish, ServerOptions, World};

pub struct Backend {
    client: Client,
    /// To the state owner. Behind a mutex only because `Sender` is not `Sync` on every
    /// platform we care about; sends never block.
    owner: std::sync::Mutex<Sender<Msg>>,
    /// How many messages have been sent to the owner; requests wait for the world to catch up.
    submitted: AtomicU64,
    world: watch::Receiver<Arc<World>>,
    link_support: AtomicBool,
    shutdown: Arc<AtomicBool>,
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

    /// A world that includes every message sent before this call.
    async fn world(&self) -> Arc<World> {
        let target = self.submitted.load(Ordering::SeqCst);
        let mut rx = self.world.clone();
        if let Ok(world) = rx.wait_for(|world| world.seq >= target).await {
            return world.clone();
        }
        // The owner is gone (shutting down): answer from the last world there was.
        rx.borrow().clone()
    }
}

/// Serves LSP on stdin/stdout. Returns whether the client shut down cleanly.
pub async fn serve() -> bool {
    let (owner_tx, owner_rx) = std::sync::mpsc::channel();
    let (world_tx, world_rx) = watch::channel(Arc::new(World::default()));
    let (publish_tx, mut publish_rx) = mpsc::unbounded_channel::<Publish>();
    let owner = std::thread::Builder::new()
        .name("dateline-state".into())
        .spawn(move || state::run(owner_rx, world_tx, publish_tx));
    if let Err(err) = owner {
        tracing::error!("cannot start the state thread: {err}");
        return false;
    }
    let shutdown = Arc::new(AtomicBool::new(false));
    let shutdown_flag = shutdown.clone();
    let (service, socket) = LspService::new(move |client: Client| {
        // Diagnostics go out one at a time, in the order the owner produced them, so an old
        // version is never published after a newer one.
        let publisher = client.clone();
        tokio::spawn(async move {
            while let Some(batch) = publish_rx.recv().await {
                publisher.publish_diagnostics(batch.uri, batch.diagnostics, batch.version).await;
            }
        });
        Backend {
            client,
            owner: std::sync::Mutex::new(owner_tx),
            submitted: AtomicU64::new(0),
            world: world_rx,
            link_support: AtomicBool::new(false),
            shutdown: shutdown_flag,
        }
    });
    Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).serve(service).await;
    shutdown.load(Ordering::SeqCst)
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = Encoding::negotiate(
            params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref()),
        );
        let link_support = params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.definition.as_ref())
            .and_then(|d| d.link_support)
            .unwrap_or(false);
        self.link_support.store(link_support, Ordering::SeqCst);
        let roots = workspace_roots(&params);
        tracing::info!("initialize: roots {roots:?}, position encoding {encoding:?}");
        let options = ServerOptions::from_json(params.initialization_options.as_ref());
        self.send(Msg::Initialize { roots, encoding, options });
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
                inlay_hint_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                    ..Default::default()
                })),
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

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let world = self.world().await;
        handlers::hover::hover(&world, &params)
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let world = self.world().await;
        handlers::navigation::goto(
            &world,
            &params,
            Goto::Definition,
            self.link_support.load(Ordering::SeqCst),
        )
    }

    async fn goto_declaration(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let world = self.world().await;
        handlers::navigation::goto(
            &world,
            &params,
            Goto::Declaration,
            self.link_support.load(Ordering::SeqCst),
        )
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let world = self.world().await;
        handlers::inlay_hint::inlay_hints(&world, &params)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let world = self.world().await;
        handlers::code_action::code_actions(&world, &params)
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let world = self.world().await;
        handlers::navigation::references(&world, &params)
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
