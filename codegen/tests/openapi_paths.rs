//! The OpenAPI 3.0 reader's paths (OpenAPI 3.0.3 §4.7.8-4.7.17, written the way Microsoft's
//! CSDL→OpenAPI converter writes them): endpoints, their query options, bodies and
//! responses, what is left out and why, and the entity types the paths reveal.

#![allow(
    clippy::panic,
    reason = "a failed expectation in a test helper is a test failure"
)]

mod support;

use odata_codegen::ir::{Body, EndpointKind, QueryOption, Response, Segment, StructuredKind};
use support::openapi::{document, endpoint, generate, listing, read, structured, warnings, zoo};
use support::{table, ty as label};

/// The types the path tests share: `pet` and `toy` derive from `entity`, which declares
/// the key; `place` is a plain object; `pet.toys` and `pet.friends` are navigation.
const COMPONENTS: &str = r"
    schemas:
      entity:
        type: object
        properties:
          id: {type: string, readOnly: true}
      pet:
        allOf:
          - $ref: '#/components/schemas/entity'
          - type: object
            properties:
              name: {type: string}
              home: {$ref: '#/components/schemas/place'}
              toys:
                type: array
                items: {$ref: '#/components/schemas/toy'}
                x-ms-navigationProperty: true
              friends:
                type: array
                items: {$ref: '#/components/schemas/pet'}
                x-ms-navigationProperty: true
      toy:
        allOf:
          - $ref: '#/components/schemas/entity'
          - properties:
              colour: {type: string}
      place:
        type: object
        properties:
          city: {type: string}
      BaseCollectionPaginationCountResponse:
        type: object
        properties:
          '@odata.count': {type: integer, format: int64, nullable: true}
          '@odata.nextLink': {type: string, nullable: true}
      petCollectionResponse:
        type: object
        properties:
          value:
            type: array
            items: {$ref: '#/components/schemas/pet'}
          '@odata.nextLink': {type: string, nullable: true}
      toyCollectionResponse:
        title: Collection of toy
        type: object
        allOf:
          - $ref: '#/components/schemas/BaseCollectionPaginationCountResponse'
          - type: object
            properties:
              value:
                type: array
                items: {$ref: '#/components/schemas/toy'}
      error:
        type: object
        properties:
          message: {type: string}
    parameters:
      top:
        name: $top
        in: query
        schema: {type: integer, minimum: 0}
      petId:
        name: pet-id
        in: path
        required: true
        schema: {type: string}
        x-ms-docs-key-type: pet
    requestBodies:
      pet:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/pet'}
    responses:
      petCollection:
        description: Retrieved collection
        content:
          application/json:
            schema: {$ref: '#/components/schemas/petCollectionResponse'}
      error:
        description: error
        content:
          application/json:
            schema: {$ref: '#/components/schemas/error'}
";

/// The `/pets` service: list, create, count, read, update, delete, a navigation
/// collection, an action and a function.
const PETS: &str = r"
    /pets:
      get:
        operationId: pets.List
        parameters:
          - name: $select
            in: query
            style: form
            explode: false
            schema: {type: array, uniqueItems: true, items: {type: string}}
          - name: $expand
            in: query
            style: form
            explode: false
            schema: {type: array, uniqueItems: true, items: {type: string}}
          - $ref: '#/components/parameters/top'
          - {name: $filter, in: query, schema: {type: string}}
        responses:
          2XX: {$ref: '#/components/responses/petCollection'}
          4XX: {$ref: '#/components/responses/error'}
          5XX: {$ref: '#/components/responses/error'}
          default: {$ref: '#/components/responses/error'}
      post:
        requestBody: {$ref: '#/components/requestBodies/pet'}
        responses:
          '201':
            description: Created
            content:
              application/json:
                schema: {$ref: '#/components/schemas/pet'}
    /pets/$count:
      get:
        responses:
          2XX:
            description: The count
            content:
              text/plain:
                schema: {type: integer, format: int32}
    /pets/{pet-id}:
      parameters:
        - $ref: '#/components/parameters/petId'
      get:
        responses:
          2XX:
            description: Retrieved
            content:
              application/json:
                schema: {$ref: '#/components/schemas/pet'}
      patch:
        requestBody: {$ref: '#/components/requestBodies/pet'}
        responses:
          2XX:
            description: Updated
            content:
              application/json:
                schema: {$ref: '#/components/schemas/pet'}
      delete:
        responses:
          '204': {description: Deleted}
          default: {$ref: '#/components/responses/error'}
    /pets/{pet-id}/toys:
      parameters:
        - $ref: '#/components/parameters/petId'
      get:
        responses:
          2XX:
            description: Retrieved
            content:
              application/json:
                schema: {$ref: '#/components/schemas/toyCollectionResponse'}
      post:
        requestBody:
          content:
            application/json:
              schema: {$ref: '#/components/schemas/toy'}
        responses:
          2XX:
            description: Created
            content:
              application/json:
                schema: {$ref: '#/components/schemas/toy'}
    /pets/{pet-id}/feed:
      parameters:
        - $ref: '#/components/parameters/petId'
      post:
        x-ms-docs-operation-type: action
        requestBody:
          content:
            application/json:
              schema:
                type: object
                properties:
                  food: {type: string}
                  grams: {type: integer, format: int32, nullable: true}
                required: [food]
        responses:
          2XX: {description: Fed}
    /pets/{pet-id}/weigh(unit='{unit}'):
      parameters:
        - $ref: '#/components/parameters/petId'
      get:
        x-ms-docs-operation-type: function
        parameters:
          - {name: unit, in: path, required: true, schema: {type: string}}
        responses:
          2XX:
            description: Success
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    value: {type: number, format: double}
";

fn pets() -> odata_codegen::ir::Model {
    read(&document(PETS, COMPONENTS))
}

#[test]
fn the_pets_service_as_a_reviewer_reads_it() {
    let model = pets();
    let urls = model.urls.unwrap_or_default();
    assert!(
        urls.key_as_segment,
        "`/pets/{{pet-id}}` writes keys as segments"
    );
    insta::assert_snapshot!(table(&model.endpoints, urls), @r"
    GET /pets
        list; body: -; response: page of pet; query: [$select,$expand,$filter,$top]
        operationId: pets.List
    POST /pets
        create; body: pet; response: pet; query: []
    GET /pets/$count
        count; body: -; response: count; query: []
    GET /pets/{pet-id}
        get; body: -; response: pet; query: []
    DELETE /pets/{pet-id}
        delete; body: -; response: no content; query: []
    PATCH /pets/{pet-id}
        update; body: pet; response: pet or no content; query: []
    GET /pets/{pet-id}/toys
        list; body: -; response: page of toy; query: []
    POST /pets/{pet-id}/toys
        create; body: toy; response: toy; query: []
    POST /pets/{pet-id}/feed
        action Zoo.feed; body: {food: Edm.String, grams?: Edm.Int32}; response: no content; query: []
    GET /pets/{pet-id}/weigh(unit={unit})
        function Zoo.weigh; body: -; response: Edm.Double; query: []
    ");
    assert_eq!(warnings(&model), Vec::<String>::new());
}

#[test]
fn query_options_come_from_explode_false_arrays_and_component_parameters() {
    let model = pets();
    let list = endpoint(&model, "GET", "/pets");
    assert_eq!(
        list.query,
        [
            QueryOption::Select,
            QueryOption::Expand,
            QueryOption::Filter,
            QueryOption::Top
        ]
    );
}

#[test]
fn collection_responses_are_pages_directly_or_through_all_of() {
    let model = pets();
    let pets = &endpoint(&model, "GET", "/pets").response;
    let toys = &endpoint(&model, "GET", "/pets/{pet-id}/toys").response;
    let (Response::Collection(pet), Response::Collection(toy)) = (pets, toys) else {
        panic!("both are pages: {pets:?}, {toys:?}");
    };
    assert_eq!(
        (label(pet), label(toy)),
        ("Zoo.pet".into(), "Zoo.toy".into())
    );
    // Envelopes are the runtime's `Page`: no type of their own.
    assert!(!model.types.contains_key(&zoo("petCollectionResponse")));
    assert!(!model.types.contains_key(&zoo("toyCollectionResponse")));
    assert!(
        !model
            .types
            .contains_key(&zoo("BaseCollectionPaginationCountResponse"))
    );
    // So generating every type does not look for a base that is framing.
    let files = generate(&document(PETS, COMPONENTS), &[]).unwrap_or_else(|e| panic!("{e}"));
    assert!(files.contains(&"src/zoo/toy.rs".to_owned()), "{files:?}");
    assert!(!files.iter().any(|f| f.contains("collection")), "{files:?}");
}

#[test]
fn count_no_content_and_optional_responses() {
    let model = pets();
    assert_eq!(
        endpoint(&model, "GET", "/pets/$count").kind,
        EndpointKind::Count
    );
    assert_eq!(
        endpoint(&model, "GET", "/pets/$count").response,
        Response::Count
    );
    // `204` alone, and `2XX` without content: nothing comes back, whatever `default` says.
    assert_eq!(
        endpoint(&model, "DELETE", "/pets/{pet-id}").response,
        Response::None
    );
    assert_eq!(
        endpoint(&model, "POST", "/pets/{pet-id}/feed").response,
        Response::None
    );
    // A PATCH whose `2XX` has a body may still answer 204.
    let Response::Optional(updated) = &endpoint(&model, "PATCH", "/pets/{pet-id}").response else {
        panic!("PATCH answers a pet or nothing");
    };
    assert_eq!(label(updated), "Zoo.pet");
    // A `201` is a body, always.
    assert!(matches!(
        endpoint(&model, "POST", "/pets").response,
        Response::Single(_)
    ));
}

#[test]
fn an_action_with_an_inline_object_body_takes_parameters() {
    let model = pets();
    let feed = endpoint(&model, "POST", "/pets/{pet-id}/feed");
    assert_eq!(feed.kind, EndpointKind::Action(zoo("feed")));
    let Body::Parameters(parameters) = &feed.body else {
        panic!("an action's inline body is its parameters: {:?}", feed.body);
    };
    let seen: Vec<(&str, String, bool, bool)> = parameters
        .iter()
        .map(|p| (p.name.as_str(), label(&p.ty), p.nullable, p.optional))
        .collect();
    assert_eq!(
        seen,
        [
            ("food", "Edm.String".to_owned(), false, false),
            ("grams", "Edm.Int32".to_owned(), true, true),
        ]
    );
}

#[test]
fn a_function_path_is_a_call_segment() {
    let model = pets();
    let weigh = endpoint(&model, "GET", "/pets/{pet-id}/weigh(unit={unit})");
    assert_eq!(weigh.kind, EndpointKind::Function(zoo("weigh")));
    let Some(Segment::Call { name, parameters }) = weigh.path.last() else {
        panic!("the last segment is the call: {:?}", weigh.path);
    };
    assert_eq!(name, "weigh");
    let parameters: Vec<(&str, String, bool)> = parameters
        .iter()
        .map(|p| (p.name.as_str(), label(&p.ty), p.nullable))
        .collect();
    assert_eq!(parameters, [("unit", "Edm.String".to_owned(), false)]);
    // `{value: double}` is OData's wrapper around a primitive result.
    assert_eq!(
        weigh.response,
        Response::Single(odata_codegen::ir::TypeRef {
            collection: false,
            name: odata_codegen::ir::TypeName::Primitive(odata_codegen::ir::Primitive::Double),
        })
    );
}

#[test]
fn key_segments_name_the_key_property_through_x_ms_docs_key_type() {
    let model = pets();
    let get = endpoint(&model, "GET", "/pets/{pet-id}");
    let Some(Segment::Key(parts)) = get.path.last() else {
        panic!("`{{pet-id}}` is a key: {:?}", get.path);
    };
    let parts: Vec<(&str, &str, String)> = parts
        .iter()
        .map(|p| (p.property.as_str(), p.parameter.as_str(), label(&p.ty)))
        .collect();
    assert_eq!(parts, [("id", "pet-id", "Edm.String".to_owned())]);
}

// ---- entity inference -------------------------------------------------------------------

#[test]
fn a_type_read_by_key_is_an_entity_keyed_on_the_base_that_declares_the_key() {
    let model = pets();
    let kinds: Vec<(&str, StructuredKind, Vec<String>)> = ["entity", "pet", "toy", "place"]
        .iter()
        .map(|n| {
            let t = structured(&model, n);
            (*n, t.kind, t.key.clone())
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("entity", StructuredKind::Entity, vec!["id".to_owned()]),
            // Derived types inherit the key (CSDL §8.2: they may not redeclare it).
            ("pet", StructuredKind::Entity, vec![]),
            ("toy", StructuredKind::Entity, vec![]),
            ("place", StructuredKind::Complex, vec![]),
        ]
    );
}

#[test]
fn navigation_targets_are_entities_and_contained_only_where_the_document_creates_them() {
    let model = read(&document(
        r"
        /pets/{pet-id}/toys:
          parameters:
            - $ref: '#/components/parameters/petId'
          post:
            requestBody:
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/toy'}
            responses:
              2XX:
                description: Created
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/toy'}
        ",
        COMPONENTS,
    ));
    // Nothing is read by key here: `toy` and `pet` are entities because navigation
    // properties point at them.
    assert_eq!(structured(&model, "toy").kind, StructuredKind::Entity);
    assert_eq!(structured(&model, "pet").kind, StructuredKind::Entity);
    assert_eq!(structured(&model, "place").kind, StructuredKind::Complex);
    let contains: Vec<(&str, bool)> = structured(&model, "pet")
        .navigation
        .iter()
        .map(|n| (n.name.as_str(), n.contains_target))
        .collect();
    assert_eq!(contains, [("toys", true), ("friends", false)]);
}

#[test]
fn composite_keys_in_parentheses_name_their_properties() {
    let text = document(
        r"
        /pens(zone='{zone}',number='{number}'):
          get:
            parameters:
              - {name: zone, in: path, required: true, schema: {type: string}, x-ms-docs-key-type: pen}
              - {name: number, in: path, required: true, schema: {type: integer, format: int32}, x-ms-docs-key-type: pen}
            responses:
              2XX:
                description: Retrieved
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/pen'}
        ",
        r"
        schemas:
          pen:
            properties:
              zone: {type: string}
              number: {type: integer, format: int32}
              size: {type: number}
        ",
    );
    let model = read(&text);
    assert_eq!(listing(&model), ["GET /pens(zone={zone},number={number})"]);
    let get = endpoint(&model, "GET", "/pens(zone={zone},number={number})");
    assert_eq!(get.kind, EndpointKind::Get);
    let Some(Segment::Key(parts)) = get.path.last() else {
        panic!("`(zone=..,number=..)` is a key: {:?}", get.path);
    };
    let parts: Vec<(&str, String)> = parts
        .iter()
        .map(|p| (p.property.as_str(), label(&p.ty)))
        .collect();
    assert_eq!(
        parts,
        [
            ("zone", "Edm.String".to_owned()),
            ("number", "Edm.Int32".to_owned())
        ]
    );
    let pen = structured(&model, "pen");
    // Read by its composite key, `pen` is an entity keyed on both parts.
    assert_eq!(
        (pen.kind, pen.key.clone()),
        (
            StructuredKind::Entity,
            vec!["zone".to_owned(), "number".to_owned()]
        )
    );
    let files = generate(&text, &[]).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        files.contains(&"src/requests/pens.rs".to_owned()),
        "{files:?}"
    );
}

#[test]
fn the_petstore_fixture_reads_as_its_header_says() {
    let model = read(include_str!("fixtures/petstore.yaml"));
    let urls = model.urls.unwrap_or_default();
    insta::assert_snapshot!(table(&model.endpoints, urls), @r"
    POST /pets
        create; body: NewPet; response: no content; query: []
        description: Create a pet
        operationId: createPets
    GET /pets/{petId}
        get; body: -; response: Pet; query: []
        description: Info for a specific pet
        operationId: showPetById
    PUT /pets/{petId}
        update; body: Pet; response: Pet or no content; query: []
        description: Replace a pet
        operationId: replacePet
    DELETE /pets/{petId}
        delete; body: -; response: no content; query: []
        description: Delete a pet
        operationId: deletePet
    ");
    let pet = structured(&model, "Petstore.Pet");
    assert_eq!(
        (pet.kind, pet.key.clone()),
        (StructuredKind::Entity, vec!["petId".to_owned()])
    );
    assert_eq!(
        model
            .types
            .keys()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "Petstore.Category",
            "Petstore.Error",
            "Petstore.NewPet",
            "Petstore.Pet",
            "Petstore.Pet_status"
        ]
    );
    assert_eq!(
        warnings(&model),
        [
            "api.yaml:30:5: warning: GET /pets: a response that is a bare JSON array or primitive (not OData's `{\"value\": ...}`) is not supported yet: left out",
        ]
    );
}
