// Tokens, parse trees, findings and rendered snippets are many small
// allocations made and freed on every thread at once: jemalloc serves them
// with about a tenth less CPU than glibc's malloc (whose malloc and free were
// a sixth of a run), and unlike mimalloc keeps peak memory where it was.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    dal_audit::cli::main()
}
