//! Where in the text a JSON pointer lands.
//!
//! serde forgets positions once a document has parsed, so a second, event-level pass
//! (saphyr-parser, a YAML 1.2 parser; JSON is YAML 1.2 flow syntax) records the position of
//! every mapping key and sequence item down to [`MAX_DEPTH`]. Deeper nodes answer with their
//! nearest recorded ancestor. A document the event parser cannot read to the end keeps what
//! it indexed before the failure: positions are a courtesy, never a reason to fail.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

use crate::ir::Pos;
use crate::source::saturate;

/// Deep enough for `/paths/{path}/{method}/parameters/{i}/schema` and
/// `/components/schemas/{name}/allOf/{i}/properties/{name}/items`; bounded so a
/// multi-megabyte document does not index millions of pointers.
const MAX_DEPTH: usize = 9;

#[derive(Debug, Default)]
pub(crate) struct Locator {
    positions: HashMap<String, Pos>,
    /// Where flow collections nest deeper than the event parser allows (255 levels), if
    /// they do.
    pub(crate) too_deep: Option<Pos>,
}

enum Frame {
    /// Inside a mapping: the key just read (the value comes next), or `None` before a key.
    Mapping(Option<String>),
    Sequence(usize),
}

impl Locator {
    pub(crate) fn new(text: &str) -> Self {
        let mut positions = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        // The pointer of the node at each depth, so a child's pointer is one push away.
        let mut pointers: Vec<String> = vec![String::new()];
        let mut too_deep = None;
        for item in Parser::new_from_str(text) {
            let (event, span) = match item {
                Ok(item) => item,
                Err(e) => {
                    if e.info() == "recursion limit exceeded" {
                        let mark = e.marker();
                        too_deep = Some(Pos {
                            line: saturate(mark.line()),
                            col: saturate(mark.col() + 1),
                        });
                    }
                    break;
                }
            };
            let pos = Pos {
                line: saturate(span.start.line()),
                col: saturate(span.start.col() + 1),
            };
            // Is this event a mapping key, or a value (or item) that opens a child?
            let is_key = matches!(stack.last(), Some(Frame::Mapping(None)));
            match event {
                Event::Scalar(value, ..) if is_key => {
                    let parent = pointers.last().map_or("", String::as_str);
                    if stack.len() <= MAX_DEPTH {
                        positions.insert(child(parent, &value), pos);
                    }
                    if let Some(Frame::Mapping(key)) = stack.last_mut() {
                        *key = Some(value.into_owned());
                    }
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let pointer = if is_key {
                        // A complex key (`? {a: 1}`): nothing a JSON pointer can name.
                        "\u{0}".to_owned()
                    } else {
                        let pointer = next_pointer(&mut stack, &pointers);
                        if stack.len() <= MAX_DEPTH {
                            positions.entry(pointer.clone()).or_insert(pos);
                        }
                        pointer
                    };
                    pointers.push(pointer);
                    stack.push(match event {
                        Event::MappingStart(..) => Frame::Mapping(None),
                        _ => Frame::Sequence(0),
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                    pointers.pop();
                    finish_value(&mut stack);
                }
                Event::Scalar(..) | Event::Alias(..) => {
                    let pointer = next_pointer(&mut stack, &pointers);
                    if stack.len() <= MAX_DEPTH {
                        positions.entry(pointer).or_insert(pos);
                    }
                    finish_value(&mut stack);
                }
                _ => {}
            }
        }
        Self {
            positions,
            too_deep,
        }
    }

    /// The position of the node a pointer (`/components/schemas/x`, `#` optional) names, or
    /// of its nearest recorded ancestor.
    pub(crate) fn pos(&self, pointer: &str) -> Option<Pos> {
        let mut pointer = pointer.strip_prefix('#').unwrap_or(pointer);
        loop {
            if let Some(pos) = self.positions.get(pointer) {
                return Some(*pos);
            }
            pointer = &pointer[..pointer.rfind('/')?];
        }
    }
}

/// The pointer of the value about to be read in the innermost container.
fn next_pointer(stack: &mut [Frame], pointers: &[String]) -> String {
    let parent = pointers.last().map_or("", String::as_str);
    match stack.last_mut() {
        Some(Frame::Mapping(Some(key))) => child(parent, key),
        Some(Frame::Sequence(index)) => child(parent, &index.to_string()),
        Some(Frame::Mapping(None)) | None => parent.to_owned(),
    }
}

/// A value has been read whole: a mapping waits for its next key, a sequence counts on.
fn finish_value(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Mapping(key)) => *key = None,
        Some(Frame::Sequence(index)) => *index += 1,
        None => {}
    }
}

/// RFC 6901 §3: `~` and `/` in a token are written `~0` and `~1`.
pub(crate) fn child(parent: &str, token: &str) -> String {
    let mut out = String::with_capacity(parent.len() + token.len() + 1);
    out.push_str(parent);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, col: u32) -> Option<Pos> {
        Some(Pos { line, col })
    }

    #[test]
    fn yaml_keys_items_and_escaped_tokens() {
        let text = "openapi: 3.0.1\npaths:\n  /a/{id}:\n    get:\n      parameters:\n        - name: x\n        - $ref: '#/p'\n";
        let at_ = Locator::new(text);
        assert_eq!(at_.pos("/openapi"), at(1, 1));
        assert_eq!(at_.pos("#/paths/~1a~1{id}/get"), at(4, 5));
        assert_eq!(at_.pos("/paths/~1a~1{id}/get/parameters/1"), at(7, 11));
        assert_eq!(at_.pos("/paths/~1a~1{id}/get/parameters/1/$ref"), at(7, 11));
        // Not there: the nearest ancestor.
        assert_eq!(at_.pos("/paths/~1a~1{id}/post"), at(3, 3));
    }

    #[test]
    fn json_is_located_too() {
        let text =
            "{\n  \"components\": {\n    \"schemas\": {\"a\": {\"type\": \"string\"}}\n  }\n}";
        let at_ = Locator::new(text);
        assert_eq!(at_.pos("/components/schemas/a"), at(3, 17));
        assert_eq!(at_.pos("/components/schemas/a/type"), at(3, 23));
    }

    #[test]
    fn broken_text_keeps_what_came_before() {
        let at_ = Locator::new("a: 1\nb: [1, 2\n");
        assert_eq!(at_.pos("/a"), at(1, 1));
        assert_eq!(Locator::new("").pos("/x"), None);
    }
}
