//! The `dateline` binary: everything happens in [`dateline::cli`].

// Indexing allocates many small strings and vectors on every thread; mimalloc's per-thread
// heaps make that markedly cheaper than the system allocator (see README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    dateline::cli::main()
}
