//! The OpenAPI 3.0 reader on documents it must refuse: other versions, broken syntax,
//! references that go nowhere or in circles, and hostile input. Each is an error a user can
//! act on (what is wrong, and where), never a panic; and endpoints the reader cannot call
//! yet, left out with a warning that says why.

#![allow(
    clippy::panic,
    reason = "a failed expectation in a test helper is a test failure"
)]

mod support;

use std::time::{Duration, Instant};

use odata_codegen::Input;
use odata_codegen::ir::StructuredKind;
use support::openapi::{
    FILE, document, error, generate, listing, read, schemas, structured, warnings,
};

const EXCERPT: &[u8] = include_bytes!("../../schema/exchangeRestoreSession.openapi.excerpt.yaml");

/// The error `odata_codegen::read` (the reader chosen by the first byte) gives for bytes.
fn read_error(bytes: &[u8]) -> String {
    match odata_codegen::read(Input { name: FILE, bytes }) {
        Ok(_) => panic!(
            "the input should be rejected: {:?}",
            String::from_utf8_lossy(bytes)
        ),
        Err(e) => e.to_string(),
    }
}

// ---- versions ---------------------------------------------------------------------------

#[test]
fn swagger_2_is_refused_by_its_version() {
    let yaml = "swagger: '2.0'\ninfo: {title: Zoo, version: '1'}\npaths: {}\n";
    assert_eq!(
        error(yaml),
        "api.yaml:1:1: error: Swagger 2.0 (OpenAPI 2) is not supported: this reader implements OpenAPI 3.0.x"
    );
    let json = r#"{"swagger": 2.0, "info": {"title": "Zoo", "version": "1"}, "paths": {}}"#;
    assert_eq!(
        error(json),
        "api.yaml:1:2: error: Swagger 2.0 (OpenAPI 2) is not supported: this reader implements OpenAPI 3.0.x"
    );
}

#[test]
fn openapi_3_1_is_refused_by_its_version_even_where_3_0_cannot_parse_it() {
    let plain = "info: {title: Zoo, version: '1'}\nopenapi: 3.1.0\npaths: {}\n";
    // `type` as a list is 3.1 (JSON Schema 2020-12): a 3.0 parser stumbles on it first.
    let with_type_list =
        format!("{plain}components:\n  schemas:\n    a: {{type: [string, 'null']}}\n");
    for text in [plain, with_type_list.as_str()] {
        assert_eq!(
            error(text),
            "api.yaml:2:1: error: OpenAPI 3.1.0 is not supported: this reader implements OpenAPI 3.0.x"
        );
    }
}

// ---- syntax -----------------------------------------------------------------------------

#[test]
fn malformed_yaml_and_json_say_where() {
    let yaml = "openapi: 3.0.3\ninfo: {title: Zoo, version: '1'\npaths: {}\n";
    assert_eq!(
        error(yaml),
        "api.yaml:3:1: error: not an OpenAPI 3.0 YAML document: did not find expected ',' or '}' at line 3 column 1, while parsing a flow mapping at line 2 column 7"
    );
    let json = "{\"openapi\": \"3.0.3\",\n \"info\": {\"title\": \"Zoo\", \"version\": \"1\"},\n \"paths\": {,}}\n";
    assert_eq!(
        error(json),
        "api.yaml:3:12: error: not an OpenAPI 3.0 JSON document: key must be a string at line 3 column 12"
    );
    // Well-formed, but not OpenAPI: the missing field, where its parent is.
    assert_eq!(
        error("openapi: 3.0.3\ninfo: {title: Zoo}\npaths: {}\n"),
        "api.yaml:2:7: error: not an OpenAPI 3.0 YAML document: info: missing field `version` at line 2 column 7"
    );
}

/// A key written twice is refused, at the mapping that holds it: openapiv3 read it two ways
/// (keeping both, then only the last) and panicked when they disagreed (found by fuzzing).
#[test]
fn a_duplicate_key_is_an_error_where_it_is_written_again() {
    let yaml = document(
        r"
        /things:
          get:
            parameters:
              - name: q
                in: query
                explode: fa
                explode:
            responses: {}
        ",
        "",
    );
    assert_eq!(
        error(&yaml),
        "api.yaml:10:11: error: not an OpenAPI 3.0 YAML document: paths./things.get.parameters[0]: duplicate key `explode` at line 10 column 11"
    );
    let json = r#"{"openapi": "3.0.3", "info": {"title": "Zoo", "version": "1", "title": "Zoo"},
        "paths": {}}"#;
    assert_eq!(
        error(json),
        "api.yaml:1:69: error: not an OpenAPI 3.0 JSON document: duplicate key `title` at line 1 column 69"
    );
}

/// Keys compare as text, as OpenAPI's keys are strings: YAML `200:` and `'200':` are one
/// key, written twice. Unquoted, a status code still reads.
#[test]
fn yaml_keys_compare_as_text() {
    let paths = |responses: &str| {
        document(
            &format!("/things:\n  get:\n    responses:\n{responses}"),
            "schemas:\n  thing: {type: object}\n",
        )
    };
    let ok = "      200: {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/thing'}}}}\n";
    assert_eq!(listing(&read(&paths(ok))), ["GET /things"]);
    let twice = format!("{ok}      '200': {{description: Again}}\n");
    assert!(
        error(&paths(&twice)).contains("duplicate key `200`"),
        "{}",
        error(&paths(&twice))
    );
}

#[test]
fn empty_bom_and_non_utf8_input() {
    for empty in [&b""[..], b"  \n\t\n", b"\xEF\xBB\xBF", b"\xEF\xBB\xBF \n"] {
        assert_eq!(
            read_error(empty),
            "api.yaml: error: input is empty: expected CSDL XML or an OpenAPI 3.0 document (YAML or JSON)"
        );
    }
    let with_bom = [
        b"\xEF\xBB\xBF".as_slice(),
        schemas("a: {type: object}").as_bytes(),
    ]
    .concat();
    let model = odata_codegen::read(Input {
        name: FILE,
        bytes: &with_bom,
    })
    .unwrap_or_else(|e| panic!("a BOM is allowed: {e}"));
    assert_eq!(model.types.len(), 1);
    assert_eq!(
        read_error(b"openapi: 3.0.3\ninfo: {title: Z\xff, version: '1'}\n"),
        "api.yaml:2:16: error: input is not UTF-8: invalid byte at offset 30"
    );
}

// ---- references -------------------------------------------------------------------------

#[test]
fn refs_to_missing_components_name_the_ref_and_where_it_is_written() {
    let text = document(
        r"
        /things:
          get:
            parameters:
              - $ref: '#/components/parameters/missing'
            responses:
              '204': {description: Gone}
          post:
            requestBody: {$ref: '#/components/requestBodies/missing'}
            responses:
              '204': {description: Stored}
          delete:
            responses:
              '204': {$ref: '#/components/responses/missing'}
        ",
        "schemas: {}",
    );
    assert_eq!(
        error(&text),
        [
            "api.yaml:10:11: error: `$ref: '#/components/parameters/missing'` at `#/paths/~1things/get/parameters/0` does not resolve to an item of `#/components/parameters/`",
            "api.yaml:14:7: error: `$ref: '#/components/requestBodies/missing'` at `#/paths/~1things/post/requestBody` does not resolve to an item of `#/components/requestBodies/`",
            "api.yaml:19:9: error: `$ref: '#/components/responses/missing'` at `#/paths/~1things/delete/responses/204` does not resolve to an item of `#/components/responses/`",
        ]
        .join("\n")
    );
}

#[test]
fn a_ref_loop_between_parameters_is_an_error() {
    let text = document(
        r"
        /things:
          get:
            parameters:
              - $ref: '#/components/parameters/a'
            responses:
              '204': {description: Gone}
        ",
        r"
        parameters:
          a: {$ref: '#/components/parameters/b'}
          b: {$ref: '#/components/parameters/a'}
        ",
    );
    assert_eq!(
        error(&text),
        "api.yaml:10:11: error: `$ref` chain at `#/paths/~1things/get/parameters/0` loops"
    );
}

#[test]
fn an_all_of_inheritance_cycle_is_an_error() {
    let text = schemas(
        r"
        a:
          allOf:
            - $ref: '#/components/schemas/b'
            - properties: {x: {type: string}}
        b:
          allOf:
            - $ref: '#/components/schemas/a'
        ",
    );
    assert_eq!(
        error(&text),
        "api.yaml:9:5: error: `allOf` inheritance loops: Zoo.a → Zoo.b → Zoo.a\n\
         api.yaml:13:5: error: `allOf` inheritance loops: Zoo.b → Zoo.a → Zoo.b"
    );
}

#[test]
fn a_missing_schema_is_an_error_only_where_the_selection_needs_it() {
    let text = document(
        r"
        /things:
          get:
            responses:
              2XX:
                description: Retrieved
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/thing'}
        /others:
          get:
            responses:
              2XX:
                description: Retrieved
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/other'}
        ",
        r"
        schemas:
          thing:
            properties:
              part: {$ref: '#/components/schemas/missing'}
          other:
            properties:
              name: {type: string}
        ",
    );
    assert_eq!(
        generate(&text, &["/things"]),
        Err("api.yaml:28:9: error: type `Zoo.missing` is not defined in the input: `$ref: '#/components/schemas/missing'` does not resolve".to_owned())
    );
    let files = generate(&text, &["/others"]).unwrap_or_else(|e| panic!("{e}"));
    assert!(files.contains(&"src/zoo/other.rs".to_owned()), "{files:?}");
}

// ---- endpoints the reader cannot call yet: left out, with a warning ----------------

/// `GET /things` with `extra` spliced into its operation, answering a `thing`.
fn things(extra: &str) -> odata_codegen::ir::Model {
    read(&document(
        &format!(
            r"
            /things:
              get:
                {extra}
                responses:
                  2XX:
                    description: Retrieved
                    content:
                      application/json:
                        schema: {{$ref: '#/components/schemas/thing'}}
            "
        ),
        r"
        schemas:
          thing:
            properties:
              id: {type: string}
        ",
    ))
}

#[test]
fn a_required_custom_query_parameter_leaves_the_endpoint_out() {
    let model =
        things("parameters: [{name: tenant, in: query, required: true, schema: {type: string}}]");
    assert_eq!(listing(&model), Vec::<String>::new());
    assert_eq!(
        warnings(&model),
        [
            "api.yaml:8:5: warning: GET /things: required query parameter `tenant` is not supported yet: left out"
        ]
    );
}

#[test]
fn an_optional_custom_query_parameter_is_left_out_of_the_function() {
    let model = things("parameters: [{name: tenant, in: query, schema: {type: string}}]");
    assert_eq!(listing(&model), ["GET /things"]);
    assert_eq!(
        warnings(&model),
        [
            "api.yaml:9:20: warning: query parameter `tenant` is not supported yet: the function leaves it out"
        ]
    );
}

#[test]
fn a_non_json_body_leaves_the_endpoint_out() {
    let model = read(&document(
        r"
        /things/upload:
          post:
            x-ms-docs-operation-type: action
            requestBody:
              content:
                application/octet-stream:
                  schema: {type: string, format: binary}
            responses:
              '204': {description: Stored}
        ",
        "schemas: {}",
    ));
    assert_eq!(listing(&model), Vec::<String>::new());
    assert_eq!(
        warnings(&model),
        [
            "api.yaml:8:5: warning: POST /things/upload: a request body of `application/octet-stream` is not supported yet: left out"
        ]
    );
}

#[test]
fn a_bare_array_response_leaves_the_endpoint_out_but_keeps_the_types() {
    let model = read(&document(
        r"
        /things:
          get:
            responses:
              '200':
                description: Every thing
                content:
                  application/json:
                    schema:
                      type: array
                      items: {$ref: '#/components/schemas/thing'}
        ",
        r"
        schemas:
          thing:
            properties:
              id: {type: string}
        ",
    ));
    assert_eq!(listing(&model), Vec::<String>::new());
    assert_eq!(
        warnings(&model),
        [
            "api.yaml:8:5: warning: GET /things: a response that is a bare JSON array or primitive (not OData's `{\"value\": ...}`) is not supported yet: left out"
        ]
    );
    assert_eq!(structured(&model, "thing").kind, StructuredKind::Complex);
}

#[test]
fn head_and_options_are_left_out_with_a_warning() {
    let model = read(&document(
        r"
        /things:
          head:
            responses: {'200': {description: There}}
          options:
            responses: {'204': {description: Allowed}}
        ",
        "schemas: {}",
    ));
    assert_eq!(listing(&model), Vec::<String>::new());
    assert_eq!(
        warnings(&model),
        [
            "api.yaml:10:5: warning: `options` operations are not generated: left out",
            "api.yaml:8:5: warning: `head` operations are not generated: left out",
        ]
    );
}

// ---- hostile input ----------------------------------------------------------------------

/// Runs `read` on input built to exhaust memory, stack or time, and returns its error.
fn hostile(text: &str) -> String {
    let start = Instant::now();
    let message = error(text);
    // Generous for a debug build on a busy machine; exhaustion would take minutes.
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
    message
}

/// A `$ref` that does not resolve is checked for a cycle, as far as a chain is followed
/// (32 hops), not to its end: with every link referenced, walking whole chains took minutes
/// for 20,000 links.
#[test]
fn a_long_ref_chain_is_read_in_linear_time() {
    let links = 20_000;
    let mut text = "openapi: 3.0.3\ninfo: {title: Zoo, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    holder:\n      properties:\n".to_owned();
    for i in 0..links {
        text += &format!("        p{i}: {{$ref: '#/components/schemas/s{i}'}}\n");
    }
    for i in 0..links {
        text += &format!("    s{i}: {{$ref: '#/components/schemas/s{}'}}\n", i + 1);
    }
    let start = Instant::now();
    let model = odata_codegen::read(Input {
        name: FILE,
        bytes: text.as_bytes(),
    })
    .unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "took {:?}",
        start.elapsed()
    );
    // Nothing selects them, so they are only remembered, each where it is first used.
    assert_eq!(model.unresolved.len(), links);
}

#[test]
fn a_yaml_alias_bomb_is_refused_quickly() {
    // Nine levels of nine aliases: 9^9 (387 million) nodes if expanded.
    let mut text =
        "openapi: 3.0.3\ninfo: {title: Zoo, version: '1'}\npaths: {}\nx-0: &l0 [lol]\n".to_owned();
    for level in 1..=9 {
        let refs = vec![format!("*l{}", level - 1); 9].join(", ");
        text += &format!("x-{level}: &l{level} [{refs}]\n");
    }
    assert_eq!(
        hostile(&text),
        "api.yaml: error: not an OpenAPI 3.0 YAML document: repetition limit exceeded"
    );
}

#[test]
fn ten_thousand_levels_of_nesting_are_refused_without_overflowing_the_stack() {
    let open = "[".repeat(10_000);
    let close = "]".repeat(10_000);
    let yaml = format!(
        "openapi: 3.0.3\ninfo: {{title: Zoo, version: '1'}}\npaths: {{}}\nx-deep: {open}{close}\n"
    );
    assert!(
        hostile(&yaml).contains("recursion limit exceeded"),
        "{}",
        hostile(&yaml)
    );
    let json = format!(r#"{{"openapi": "3.0.3", "paths": {{}}, "x-deep": {open}{close}}}"#);
    assert!(hostile(&json).contains("recursion limit exceeded at line 1"));
    let schemas_text = schemas(&format!(
        "a: {}{{type: string}}{}",
        "{items: ".repeat(10_000),
        "}".repeat(10_000)
    ));
    let m = hostile(&schemas_text);
    assert!(
        m.starts_with("api.yaml:8:") && m.contains("recursion limit exceeded"),
        "{m}"
    );
}

#[test]
fn every_truncation_of_a_real_document_is_an_error_or_a_model_never_a_panic() {
    // A stride that is not a multiple of anything YAML cares about, to land in keys,
    // values, indentation and multi-byte characters alike; about 250 reads.
    let stride = EXCERPT.len() / 250 + 7;
    let mut refused = 0;
    for end in (0..EXCERPT.len()).step_by(stride) {
        if let Err(e) = odata_codegen::read(Input {
            name: FILE,
            bytes: &EXCERPT[..end],
        }) {
            assert!(e.to_string().starts_with("api.yaml"), "{e}");
            refused += 1;
        }
    }
    assert!(
        refused > 0,
        "short prefixes (no `info`, no `paths`) are refused"
    );
    odata_codegen::read(Input {
        name: FILE,
        bytes: EXCERPT,
    })
    .unwrap_or_else(|e| panic!("{e}"));
}
