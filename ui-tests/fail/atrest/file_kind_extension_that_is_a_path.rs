// Storage names end with a kind's first extension, so an extension must be a plain one:
// `../mp4` would put the stored file outside the upload directory.
use secure::upload::FileKind;

const MP4: FileKind = FileKind::signature("video/mp4", &["../mp4"]);

fn main() {}
