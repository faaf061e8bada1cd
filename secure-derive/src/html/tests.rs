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
