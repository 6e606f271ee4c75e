//! The `newslint` command: parse arguments, run, map the outcome to an exit code.

mod cli;

/// jemalloc rather than the system's allocator: a run makes millions of
/// small, short-lived allocations (documents, their views, start-up's
/// pattern analysis), and glibc's `malloc` and `free` took about 9% of an
/// archive run. jemalloc takes 5% off an archive run and a sixth off a
/// one-article run, for about 6 MB more peak RSS (see BENCHMARKS.md).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
