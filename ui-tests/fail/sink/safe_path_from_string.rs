use secure::sink::path::SafePath;

fn main() {
    let _ = SafePath { path: std::path::PathBuf::from("/etc/passwd") };
}
