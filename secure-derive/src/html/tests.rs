use super::context::{HoleKind, Piece, scan};
use crate::template::tokens;

fn kinds(template: &str) -> Result<Vec<HoleKind>, Vec<String>> {
    let tokens = tokens(template, "html!").expect("braces are well formed");
    scan(&tokens).map(|pieces| {
        pieces
            .into_iter()
            .filter_map(|piece| match piece {
                Piece::Hole(kind) => Some(kind),
                Piece::Literal(_) => None,
            })
            .collect()
    })
}

#[test]
fn holes_take_the_kind_of_their_place() {
    use HoleKind::*;

    assert_eq!(kinds("<p>{}</p>"), Ok(vec![Text]));
    assert_eq!(kinds("<a title=\"{}\" class='x {}'>"), Ok(vec![Attr, Attr]));
    assert_eq!(kinds("<a HREF=\" {}\">"), Ok(vec![UrlStart]));
    assert_eq!(
        kinds("<a href=\"/search?q={}&p={}\">"),
        Ok(vec![UrlPart, UrlPart])
    );
    assert_eq!(kinds("<input value={} disabled>"), Ok(vec![Unquoted]));
    assert_eq!(
        kinds("<textarea>{}</textarea><script>x</script>{}"),
        Ok(vec![Text, Text])
    );
    assert_eq!(kinds("a < b {} <!-- c --> {}"), Ok(vec![Text, Text]));
    assert_eq!(
        kinds("<script src=\"{}\"></script><base href='{}'><form action=\"{}\">"),
        Ok(vec![LocalUrlStart, LocalUrlStart, LocalUrlStart])
    );
    assert_eq!(
        kinds("<script src=\"https://cdn.example.com/{}\"></script><a href=\"{}\">"),
        Ok(vec![UrlPart, UrlStart])
    );
    assert_eq!(
        kinds("<meta name=\"description\" content=\"{}\"><p>{}</p>"),
        Ok(vec![Attr, Text])
    );
    assert_eq!(
        kinds("<script>a</script >{}<style>b</style/>{}"),
        Ok(vec![Text, Text])
    );
}

#[test]
fn refuses_holes_where_escaping_is_not_enough() {
    for template in [
        "<script>var x = \"{}\";</script>",
        "<STYLE>p {{ color: {} }}</style>",
        "<a onclick=\"go('{}')\">",
        "<p style=\"color: {}\">",
        "<a href={}>",
        "<input value=x{}>",
        "<input value={}x>",
        "<{} class=\"x\">",
        "<a {}=\"x\">",
        "<!-- {} -->",
        "<!DOCTYPE {}>",
        // Not an end tag: the browser reads on in the script or style.
        "<script>var a = 1;</scriptx>{}</script>",
        "<style>p {{}}</styles>{}</style>",
        "<script>x</script{}>",
        // `<!--` in a script starts states where `</script>` may not end it.
        "<script><!--<script>\n'</script>'\n{}\n</script>",
        "<script><!-- x --></script>{}",
        "<meta http-equiv=\"refresh\" content=\"0; url={}\">",
        "<meta content=\"{}\" HTTP-EQUIV=\"refresh\">",
        "<meta http-equiv=\"{}\" content=\"0; url=/x\">",
        "<svg><a><animate attributeName=\"href\" values=\"{}\"/></a></svg>",
        "<svg><set attributeName=\"{}\" to=\"x\"/></svg>",
        "<svg><set attributeName=\"href\" to={}></svg>",
    ] {
        assert!(kinds(template).is_err(), "{template}");
    }
}

#[test]
fn refuses_templates_that_end_inside_a_tag() {
    for template in ["<a title=\"", "<div", "<script>", "<!-- open"] {
        assert!(kinds(template).is_err(), "{template}");
    }
    assert!(kinds("<script>a < b</script><p>").is_ok());
}

#[test]
fn refuses_holes_in_urls_whose_literal_scheme_runs_code() {
    for template in [
        "<a href=\"javascript:go('{}')\">",
        "<a href=\"JavaScript:{}\">",
        "<a href=\"  javascript:void(0);{}\">",
        "<iframe src=\"data:text/html,{}\"></iframe>",
        "<a href=\"vbscript:msgbox({})\">",
        "<a href=\"java\tscript:{}\">",
        "<a href=\"java\nscript:{}\">",
        "<a href=\"\x01javascript:{}\">",
        "<a href=\"javascript&#58;{}\">",
        "<a href=\"javascript&#x3A{}\">",
        "<a href=\"javascript&colon;{}\">",
        "<a href=\"&#106;avascript:{}\">",
        "<a href=\"jav&Tab;ascript:{}\">",
        "<object data=\"data:image/svg+xml,{}\"></object>",
        // Text that decodes to whitespace or a control does not start the value: the hole
        // after it could spell the scheme.
        "<a href=\"&#32;{}:alert(1)\">",
        "<a href=\"&Tab;{}:alert(1)\">",
        "<a href=\"\x01{}:alert(1)\">",
        // Any number of leading zeros.
        "<a href=\"&#0000000000000000000000000000000000000000000000106;avascript:{}\">",
        "<a href=\"j&#x0000000000000000000000000000000000000000000061;vascript:{}\">",
        // A hole inside the scheme could spell one.
        "<a href=\"java{}:alert(1)\">",
        "<a href=\"x{}:{}\">",
    ] {
        let refused = kinds(template).expect_err(template);
        assert!(
            refused.iter().any(|reason| reason.contains("scheme")),
            "{template}: {refused:?}"
        );
    }
}

#[test]
fn keeps_holes_in_urls_with_a_plain_or_no_literal_scheme() {
    use HoleKind::*;

    for template in [
        "<a href=\"https://example.com/{}\">",
        "<a href=\"mailto:{}\">",
        "<a href=\"/notes/{}?tab=javascript:\">",
        "<a href=\"?next=javascript:{}\">",
        "<a href=\"#javascript:{}\">",
        "<a href=\"page-{}\">",
        "<a title=\"javascript:{}\">",
        // An image is decoded as an image.
        "<img src=\"data:image/png;base64,{}\">",
        // Named references are case-sensitive: these spell no scheme.
        "<a href=\"javascript&COLON;{}\">",
        "<a href=\"javascript&Colon;{}\">",
    ] {
        assert!(kinds(template).is_ok(), "{template}");
    }
    assert_eq!(kinds("<a href=\"{}#top\">"), Ok(vec![UrlStart]));
    assert_eq!(kinds("<a href=\"{}?q={}\">"), Ok(vec![UrlStart, UrlPart]));
}
