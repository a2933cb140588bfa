//! Doc comments from schema descriptions, escaped so rustdoc renders them as written
//! and never warns (`-D warnings` on rustdoc is part of CI).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Description;

/// `#[doc]` attributes for `text`: one per line, so prettyplease prints `///` lines.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc]` attributes: the same for a module's own documentation (`//!`).
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// Rustdoc's convention: a space after `///`, none on blank lines.
fn doc_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// The schema's summary and long description as Markdown paragraphs, or `fallback`.
pub fn describe(description: &Description, fallback: &str) -> String {
    let paragraphs: Vec<String> = [&description.summary, &description.long]
        .into_iter()
        .flatten()
        .map(|text| escape(text.trim()))
        .filter(|text| !text.is_empty())
        .collect();
    // Graph repeats the summary as the long description in places; say it once.
    let mut unique: Vec<String> = Vec::new();
    for paragraph in paragraphs {
        if !unique.contains(&paragraph) {
            unique.push(paragraph);
        }
    }
    if unique.is_empty() {
        fallback.to_owned()
    } else {
        unique.join("\n\n")
    }
}

/// Escapes Markdown and HTML so a description reads as plain text, and wraps bare URLs in
/// `<...>` (rustdoc's `bare_urls` lint). Line breaks inside a description become spaces:
/// schema descriptions are prose, and a stray `#` or `-` at a line start would turn into
/// a heading or a list.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_word(&mut out, word);
    }
    out
}

/// Escapes one word, wrapping each URL in it (`"https://..."`, `(https://...)` included).
fn push_word(out: &mut String, mut word: &str) {
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| word.find(scheme))
        .min()
    {
        push_escaped(out, &word[..start]);
        let (url, rest) = split_url(&word[start..]);
        if url.is_empty() {
            push_escaped(out, &word[start..]);
            return;
        }
        out.push('<');
        out.push_str(url);
        out.push('>');
        word = rest;
    }
    push_escaped(out, word);
}

/// Splits a leading `http(s)://...` off a word, leaving trailing sentence punctuation.
fn split_url(word: &str) -> (&str, &str) {
    if !(word.starts_with("https://") || word.starts_with("http://")) {
        return ("", word);
    }
    let end = word
        .trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\'', '"'])
        .len();
    // A URL with characters that would break out of `<...>` is escaped as text instead.
    if word[..end].contains(['<', '>', '`', '\\']) {
        return ("", word);
    }
    word.split_at(end)
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!' | '{'
            | '}' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_html_are_escaped() {
        assert_eq!(
            escape("a [link](x) <b>bold</b> `code` *em*"),
            r"a \[link\](x) \<b\>bold\</b\> \`code\` \*em\*"
        );
        assert_eq!(escape("ends */ here"), r"ends \*/ here");
    }

    #[test]
    fn bare_urls_are_wrapped() {
        assert_eq!(
            escape("see https://learn.microsoft.com/graph."),
            "see <https://learn.microsoft.com/graph>."
        );
        // Seen in Graph v1.0 descriptions: URLs inside quotes and Markdown links.
        assert_eq!(
            escape(r#"Example: "https://www.contoso.com""#),
            r#"Example: "<https://www.contoso.com>""#
        );
        assert_eq!(
            escape("see [tz](https://x.com/a?b=c)."),
            r"see \[tz\](<https://x.com/a?b=c>)."
        );
    }

    #[test]
    fn lines_are_joined_so_no_line_starts_a_heading() {
        assert_eq!(
            escape("first\n# not a heading\n- not a list"),
            r"first \# not a heading - not a list"
        );
    }
}
