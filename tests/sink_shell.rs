//! `command!`: argv elements, never a shell string.

use secure::sink::shell::CommandError;

#[test]
fn cmd_02_option_like_values_are_refused_before_the_separator() {
    for value in [
        "--upload-pack=touch /tmp/pwn",
        "-oProxyCommand=id",
        "--output=/etc/cron.d/x",
        "-",
    ] {
        assert_eq!(
            secure::command!("git", "clone", value).unwrap_err(),
            CommandError::LooksLikeOption,
            "{value}"
        );
        let command = secure::command!("git", "clone", "--", value).unwrap();
        let args: Vec<_> = command.get_args().collect();
        assert_eq!(args, ["clone", "--", value]);
    }
}

#[test]
fn run_time_arguments_are_checked_too() {
    let mut command = secure::command!("git", "log").unwrap();
    assert_eq!(
        command.arg("--output=/etc/passwd").unwrap_err(),
        CommandError::LooksLikeOption
    );
    command.arg("main").unwrap();
    command.end_of_options().arg("-file-").unwrap();
    let args: Vec<_> = command.get_args().collect();
    assert_eq!(args, ["log", "main", "--", "-file-"]);
}

#[test]
fn nul_is_refused_everywhere() {
    let value = String::from("a\0b");
    assert_eq!(
        secure::command!("echo", "--", value).unwrap_err(),
        CommandError::Nul
    );
    let mut command = secure::command!("echo").unwrap();
    assert_eq!(
        command.arg(std::ffi::OsStr::new("a\0b")).unwrap_err(),
        CommandError::Nul
    );
}

#[cfg(unix)]
#[test]
fn shell_syntax_is_passed_as_one_argument() {
    let payload = "$(touch /tmp/secure-pwned); `id` | cat && echo 'x' > /dev/null";
    let output = secure::command!("printf", "%s", payload)
        .unwrap()
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8(output.stdout).unwrap(), payload);
}
