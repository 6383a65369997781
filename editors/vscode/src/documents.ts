// Which documents the server hears about. No `vscode` import.

/** Language ids this extension contributes (see package.json `contributes.languages`). */
export const BRAT_ANN = 'brat-ann';
export const WEBANNO_TSV = 'webanno-tsv';

/**
 * Articles (Markdown, plain text, brat `.txt`), the knowledge base and
 * `dateline.toml` (TOML; without a TOML extension installed VS Code calls them
 * plaintext, which is covered too), brat `.ann` and WebAnno `.tsv`. Files on
 * disk only: the server resolves the corpus from paths.
 */
export const DOCUMENT_SELECTOR: ReadonlyArray<{ scheme: 'file'; language: string }> = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'file', language: 'toml' },
  { scheme: 'file', language: BRAT_ANN },
  { scheme: 'file', language: WEBANNO_TSV },
];
