// An SVG animation can rewrite the `href` of the link around it.
fn main() {
    let value = "javascript:alert(1)";
    let _ = secure::html!(
        "<svg><a><animate attributeName=\"href\" values=\"{}\"/><text>go</text></a></svg>",
        value
    );
}
