fn main() -> std::process::ExitCode {
    dal_audit::cli::main()
}
