fn main() {
    let program = String::from("sh");
    let _ = secure::command!(program, "-c", "id");
}
