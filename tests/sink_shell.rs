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
fn integers_are_arguments_and_negative_ones_look_like_options() {
    let (lines, bytes, pid) = (20u32, u64::MAX, -1i32);
    let command = secure::command!("tail", "-n", lines, "-c", bytes, "--", 7i8).unwrap();
    let args: Vec<_> = command.get_args().collect();
    assert_eq!(args, ["-n", "20", "-c", "18446744073709551615", "--", "7"]);

    assert_eq!(
        secure::command!("kill", "-s", "TERM", pid).unwrap_err(),
        CommandError::LooksLikeOption
    );
    assert_eq!(
        secure::command!("kill", "-s", "TERM", i64::MIN).unwrap_err(),
        CommandError::LooksLikeOption
    );
    let command = secure::command!("kill", "-s", "TERM", "--", pid).unwrap();
    let args: Vec<_> = command.get_args().collect();
    assert_eq!(args, ["-s", "TERM", "--", "-1"]);

    let mut command = secure::command!("seq").unwrap();
    command.arg(3usize).unwrap();
    assert_eq!(
        command.arg(-3isize).unwrap_err(),
        CommandError::LooksLikeOption
    );
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
