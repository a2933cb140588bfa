//! The OpenAPI 3.0 reader's schemas (OpenAPI 3.0.3 §4.7.24, with the extensions Microsoft's
//! CSDL→OpenAPI converter writes): what each construct becomes in the IR, and the warning
//! where the reader does something other than what the document says.

#![allow(
    clippy::panic,
    reason = "a failed expectation in a test helper is a test failure"
)]

mod support;

use support::{render, table, ty as label};

use odata_codegen::ir::{Primitive, StructuredKind, TypeDef, TypeName};
use support::openapi::{
    enum_members, property, read, schemas, structured, type_names, warnings, zoo,
};

// ---- allOf: inheritance ----------------------------------------------------------------

#[test]
fn all_of_ref_then_properties_is_a_derived_type() {
    let model = read(&schemas(
        r"
        animal:
          type: object
          properties:
            name: {type: string}
        bird:
          allOf:
            - $ref: '#/components/schemas/animal'
            - type: object
              properties:
                wingspan: {type: number, format: float}
        ",
    ));
    let bird = structured(&model, "bird");
    assert_eq!(bird.base, Some(zoo("animal")));
    let own: Vec<&str> = bird.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(own, ["wingspan"], "inherited properties stay on the base");
    assert_eq!(
        label(&property(&model, "bird", "wingspan").ty),
        "Edm.Single"
    );
    assert_eq!(structured(&model, "animal").base, None);
    assert_eq!(warnings(&model), Vec::<String>::new());
}

#[test]
fn a_second_ref_in_all_of_is_copied_in_with_a_warning() {
    let model = read(&schemas(
        r"
        animal:
          properties:
            name: {type: string}
        tagged:
          properties:
            tags: {type: array, items: {type: string}}
        bird:
          allOf:
            - $ref: '#/components/schemas/animal'
            - $ref: '#/components/schemas/tagged'
            - properties:
                wingspan: {type: number}
        ",
    ));
    let bird = structured(&model, "bird");
    assert_eq!(bird.base, Some(zoo("animal")));
    let own: Vec<&str> = bird.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(own, ["tags", "wingspan"]);
    assert_eq!(
        label(&property(&model, "bird", "tags").ty),
        "Collection(Edm.String)"
    );
    assert_eq!(
        warnings(&model),
        [
            "api.yaml:18:11: warning: `allOf` names a second `$ref` (`#/components/schemas/tagged`): the IR has single inheritance, so its properties are copied in"
        ]
    );
}

// ---- discriminator ----------------------------------------------------------------------

/// `animal` with a discriminator as written between `{discriminator}`, and `bird` derived
/// from it with `bird_extra` spliced into its own part.
fn polymorphic(discriminator: &str, bird_extra: &str) -> String {
    schemas(&format!(
        r"
        animal:
          type: object
          properties:
            '@odata.type': {{type: string}}
          discriminator:
            {discriminator}
        bird:
          allOf:
            - $ref: '#/components/schemas/animal'
            - type: object
              properties:
                wingspan: {{type: number}}
              {bird_extra}
        "
    ))
}

#[test]
fn odata_type_discriminator_with_qualified_mapping_is_silent() {
    let model = read(&polymorphic(
        "{propertyName: '@odata.type', mapping: {'#Zoo.bird': '#/components/schemas/bird'}}",
        "x-ms-discriminator-value: '#Zoo.bird'",
    ));
    assert_eq!(warnings(&model), Vec::<String>::new());
    // `@odata.type` is control information: the runtime's, not a property; the base
    // that declares nothing else is still a type, not a response envelope.
    assert!(structured(&model, "animal").properties.is_empty());
    assert_eq!(structured(&model, "bird").base, Some(zoo("animal")));
}

#[test]
fn discriminator_mapping_value_that_is_not_the_qualified_name_warns() {
    let model = read(&polymorphic(
        "{propertyName: '@odata.type', mapping: {bird: '#/components/schemas/bird'}}",
        "",
    ));
    assert_eq!(
        warnings(&model),
        [
            "api.yaml:14:39: warning: discriminator value `bird` → `#/components/schemas/bird`: the runtime expects `@odata.type` to be `#` and the qualified name, so this value is not recognised"
        ]
    );
}

#[test]
fn discriminator_on_another_property_warns() {
    let model = read(&polymorphic("{propertyName: petType}", ""));
    assert_eq!(
        warnings(&model),
        [
            "api.yaml:13:7: warning: discriminator `petType` is not `@odata.type`: derived types of `Zoo.animal` are told apart by `@odata.type` only"
        ]
    );
}

#[test]
fn discriminator_value_extension_that_differs_from_the_name_warns() {
    let model = read(&polymorphic(
        "{propertyName: '@odata.type'}",
        "x-ms-discriminator-value: '#Zoo.parrot'",
    ));
    assert_eq!(
        warnings(&model),
        [
            "api.yaml:18:11: warning: `x-ms-discriminator-value: #Zoo.parrot` differs from `#Zoo.bird`, the `@odata.type` the runtime writes and recognises"
        ]
    );
}

// ---- nullability ------------------------------------------------------------------------

#[test]
fn any_of_ref_and_nullable_object_is_the_ref_nullable() {
    let model = read(&schemas(
        r"
        place:
          properties:
            city: {type: string}
        pet:
          properties:
            home:
              anyOf:
                - $ref: '#/components/schemas/place'
                - type: object
                  nullable: true
            birthplace:
              $ref: '#/components/schemas/place'
        ",
    ));
    let home = property(&model, "pet", "home");
    assert_eq!(
        (label(&home.ty), home.nullable),
        ("Zoo.place".into(), Some(true))
    );
    // OpenAPI 3.0 cannot say anything about a plain `$ref`'s nullability.
    let birthplace = property(&model, "pet", "birthplace");
    assert_eq!(
        (label(&birthplace.ty), birthplace.nullable),
        ("Zoo.place".into(), None)
    );
    assert_eq!(warnings(&model), Vec::<String>::new());
}

// ---- numbers --------------------------------------------------------------------------

#[test]
fn graph_numbers_are_their_edm_types() {
    let model = read(&schemas(
        r"
        ReferenceNumeric:
          enum: ['-INF', INF, NaN]
          type: string
          nullable: true
        reading:
          properties:
            average:
              oneOf:
                - type: number
                  format: double
                  nullable: true
                - type: string
                  nullable: true
                - $ref: '#/components/schemas/ReferenceNumeric'
            price:
              anyOf:
                - type: number
                  format: decimal
                - type: string
                - $ref: '#/components/schemas/ReferenceNumeric'
            count32: {type: number, format: int32}
            count64: {type: number, format: int64}
            plain: {type: integer}
        ",
    ));
    let of = |name| {
        let p = property(&model, "reading", name);
        (label(&p.ty), p.nullable)
    };
    assert_eq!(of("average"), ("Edm.Double".into(), Some(true)));
    assert_eq!(of("price"), ("Edm.Decimal".into(), Some(false)));
    assert_eq!(of("count32"), ("Edm.Int32".into(), Some(false)));
    assert_eq!(of("count64"), ("Edm.Int64".into(), Some(false)));
    assert_eq!(of("plain"), ("Edm.Int64".into(), Some(false)));
    assert_eq!(warnings(&model), Vec::<String>::new());
}

// ---- enums ------------------------------------------------------------------------------

#[test]
fn string_enum_with_ms_enum_descriptions_and_flags() {
    let model = read(&schemas(
        r"
        colour:
          type: string
          enum: [red, green, null, blue]
          x-ms-enum:
            name: colour
            modelAsString: false
            values:
              - {value: red, description: Like blood, name: red}
              - {value: blue, description: Like the sky, name: blue}
          x-ms-enum-flags:
            isFlags: true
        size:
          type: integer
          format: int32
          enum: [1, 2, 3]
        ",
    ));
    assert_eq!(
        enum_members(&model, "colour"),
        [
            ("red".to_owned(), 0, Some("Like blood".to_owned())),
            ("green".to_owned(), 1, None),
            ("blue".to_owned(), 2, Some("Like the sky".to_owned())),
        ]
    );
    let Some(TypeDef::Enum(colour)) = model.types.get(&zoo("colour")) else {
        panic!("colour is an enum");
    };
    assert!(colour.is_flags);
    // An integer `enum` only constrains its integer: no members to name.
    let Some(TypeDef::Definition(size)) = model.types.get(&zoo("size")) else {
        panic!(
            "size is a type definition: {:?}",
            model.types.get(&zoo("size"))
        );
    };
    assert_eq!(size.underlying, Primitive::Int32);
    assert_eq!(warnings(&model), Vec::<String>::new());
}

// ---- formats ----------------------------------------------------------------------------

#[test]
fn string_formats_are_edm_types_and_patterns_are_ignored() {
    let model = read(&schemas(
        r"
        stamp:
          properties:
            at:
              type: string
              format: date-time
              pattern: '^[0-9]{4,}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,12})?(Z|[+-][0-9][0-9]:[0-9][0-9])$'
            day: {type: string, format: date}
            clock: {type: string, format: time}
            span: {type: string, format: duration}
            id: {type: string, format: uuid}
            bytes: {type: string, format: byte}
            url_bytes: {type: string, format: base64url}
            content: {type: string, format: binary}
            text: {type: string, format: email}
        ",
    ));
    let types: Vec<(String, String)> = structured(&model, "stamp")
        .properties
        .iter()
        .map(|p| (p.name.clone(), label(&p.ty)))
        .collect();
    let expected = [
        ("at", "Edm.DateTimeOffset"),
        ("day", "Edm.Date"),
        ("clock", "Edm.TimeOfDay"),
        ("span", "Edm.Duration"),
        ("id", "Edm.Guid"),
        ("bytes", "Edm.Binary"),
        ("url_bytes", "Edm.Binary"),
        ("content", "Edm.Stream"),
        ("text", "Edm.String"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(types, expected);
    assert_eq!(warnings(&model), Vec::<String>::new());
}

// ---- readOnly and open types ------------------------------------------------------------

#[test]
fn read_only_and_additional_properties() {
    let model = read(&schemas(
        r"
        free:
          type: object
          properties:
            id: {type: string, readOnly: true}
            name: {type: string}
          additionalProperties: true
        shaped:
          type: object
          properties:
            id: {type: string}
          additionalProperties: {type: object}
        closed:
          type: object
          properties:
            id: {type: string}
          additionalProperties: false
        unsaid:
          type: object
          properties:
            id: {type: string}
        ",
    ));
    assert!(property(&model, "free", "id").read_only);
    assert!(!property(&model, "free", "name").read_only);
    let open: Vec<bool> = ["free", "shaped", "closed", "unsaid"]
        .iter()
        .map(|n| structured(&model, n).is_open)
        .collect();
    assert_eq!(open, [true, true, false, false]);
}

// ---- inline types -----------------------------------------------------------------------

#[test]
fn inline_objects_and_enums_become_types_named_after_their_place() {
    let model = read(&schemas(
        r"
        pet_status:
          type: string
        pet:
          properties:
            status:
              type: string
              enum: [available, sold]
            owner:
              type: object
              properties:
                name: {type: string}
        ",
    ));
    // `pet_status` is taken by a component, so the inline enum is numbered.
    assert_eq!(
        label(&property(&model, "pet", "status").ty),
        "Zoo.pet_status_2"
    );
    assert_eq!(
        enum_members(&model, "pet_status_2")
            .iter()
            .map(|m| m.0.as_str())
            .collect::<Vec<_>>(),
        ["available", "sold"]
    );
    assert_eq!(label(&property(&model, "pet", "owner").ty), "Zoo.pet_owner");
    assert_eq!(
        structured(&model, "pet_owner").kind,
        StructuredKind::Complex
    );
    assert_eq!(
        type_names(&model),
        [
            "Zoo.pet",
            "Zoo.pet_owner",
            "Zoo.pet_status",
            "Zoo.pet_status_2"
        ]
    );
}

// ---- what the IR cannot hold yet --------------------------------------------------------

#[test]
fn unions_that_do_not_collapse_are_untyped_with_a_warning() {
    let model = read(&schemas(
        r"
        cat: {properties: {lives: {type: integer}}}
        dog: {properties: {barks: {type: boolean}}}
        pet:
          properties:
            companion:
              oneOf:
                - $ref: '#/components/schemas/cat'
                - $ref: '#/components/schemas/dog'
            grid:
              type: array
              items:
                type: array
                items: {type: integer}
        ",
    ));
    let companion = property(&model, "pet", "companion");
    assert_eq!(companion.ty.name, TypeName::Primitive(Primitive::Untyped));
    assert_eq!(
        label(&property(&model, "pet", "grid").ty),
        "Collection(Edm.Untyped)"
    );
    assert_eq!(
        warnings(&model),
        [
            "api.yaml:13:9: warning: a union of 2 schemas has no Rust type yet: read as untyped JSON",
            "api.yaml:19:11: warning: an array of arrays is read as an array of untyped JSON",
        ]
    );
}

// ---- the same document in either syntax -------------------------------------------------

/// `text` without the `@line:col` that ends each line of `render` and starts each
/// diagnostic: the only thing YAML and JSON forms of one document may disagree on.
fn without_positions(text: &str) -> String {
    let strip = |line: &str| -> String {
        let is_pos = |s: &str| {
            let mut parts = s.split(':');
            parts.clone().count() == 2
                && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        };
        match line.rsplit_once(" @") {
            Some((rest, pos)) if is_pos(pos) => rest.to_owned(),
            _ => line.to_owned(),
        }
    };
    text.lines().map(strip).collect::<Vec<_>>().join("\n")
}

#[test]
fn yaml_and_json_forms_of_a_document_read_the_same() {
    let yaml = include_str!("../../schema/exchangeRestoreSession.openapi.excerpt.yaml");
    // Through serde_norway's own `Value`, whose mappings keep their order: property order
    // is part of the IR, and `serde_json::Value` (without `preserve_order`) sorts keys.
    let value: serde_norway::Value = serde_norway::from_str(yaml).unwrap_or_else(|e| panic!("{e}"));
    let json = serde_json::to_string_pretty(&value).unwrap_or_else(|e| panic!("{e}"));
    let from_yaml = read(yaml);
    let from_json = read(&json);
    let urls = from_yaml.urls.unwrap_or_default();
    assert_eq!(from_yaml.urls, from_json.urls);
    assert_eq!(
        without_positions(&render(&from_yaml)),
        without_positions(&render(&from_json))
    );
    assert_eq!(
        table(&from_yaml.endpoints, urls),
        table(&from_json.endpoints, urls)
    );
    let messages = |m: &odata_codegen::ir::Model| -> Vec<String> {
        m.warnings.iter().map(|w| w.message.clone()).collect()
    };
    assert_eq!(messages(&from_yaml), messages(&from_json));
    assert_eq!(from_yaml.unresolved, from_json.unresolved);
    // Not vacuous: the excerpt has types and endpoints, and JSON positions are its own.
    assert!(from_yaml.types.len() > 20 && from_yaml.endpoints.len() > 8);
    assert_ne!(render(&from_yaml), render(&from_json));
}
