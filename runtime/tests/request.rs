//! Requests: paths and literals, query options, headers, bodies, and next pages.

use odata_runtime::http::{Method, header};
use odata_runtime::{
    Alias, Binary, CLIENT_REQUEST_ID, Collection, Decimal, Entity, EnumLiteral, Error, GetOptions,
    ListOptions, Literal, NoContent, Options, Page, Path, Request,
};
use serde_json::{Value, json};
use time::macros::{date, datetime, time};

fn literal(value: &dyn Literal) -> String {
    let mut out = String::new();
    value.write_literal(&mut out);
    out
}

fn get(path: Path) -> Request<Entity<Value>> {
    Request::new(Method::GET, path)
}

#[allow(clippy::unwrap_used)] // a test helper: panicking fails the test that called it
fn body_json<K>(request: &Request<K>) -> Value {
    serde_json::from_slice(request.body().unwrap()).unwrap()
}

const BASE: &str = "https://graph.microsoft.com/beta";

#[test]
fn static_paths_are_kept_as_written() {
    let path = Path::new("/solutions/backupRestore/exchangeRestoreSessions")
        .push("/microsoft.graph.activate");
    assert_eq!(
        path.as_str(),
        "/solutions/backupRestore/exchangeRestoreSessions/microsoft.graph.activate"
    );
}

#[test]
fn a_string_key_in_parentheses_is_quoted_with_quotes_doubled() {
    let path = Path::new("/people").key("O'Neil");
    assert_eq!(path.as_str(), "/people('O''Neil')");
    assert_eq!(Path::new("/items").key(&42_i64).as_str(), "/items(42)");
}

#[test]
fn a_string_key_as_segment_is_raw_but_encoded() {
    let path = Path::new("/users").key_segment("a/b c?d#e%f");
    assert_eq!(path.as_str(), "/users/a%2Fb%20c%3Fd%23e%25f");
    assert_eq!(
        Path::new("/users").key_segment("O'Neil").as_str(),
        "/users/O'Neil"
    );
    assert_eq!(
        Path::new("/users")
            .key_segment("jane+doe@contoso.com")
            .as_str(),
        "/users/jane%2Bdoe@contoso.com"
    );
}

#[test]
fn non_ascii_keys_are_utf8_percent_encoded() {
    assert_eq!(
        Path::new("/sites").key_segment("café").as_str(),
        "/sites/caf%C3%A9"
    );
    assert_eq!(
        Path::new("/sites").key("日").as_str(),
        "/sites('%E6%97%A5')"
    );
}

#[test]
fn dot_segments_cannot_climb_up() {
    assert_eq!(
        Path::new("/items").key_segment("..").as_str(),
        "/items/%2E%2E"
    );
    assert_eq!(Path::new("/items").key_segment(".").as_str(), "/items/%2E");
    assert_eq!(
        Path::new("/items").key_segment("...").as_str(),
        "/items/..."
    );
}

#[test]
fn non_string_key_segments_use_their_literal_form() {
    let id = uuid::Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
    assert_eq!(
        Path::new("/groups").key_segment(&id).as_str(),
        "/groups/01234567-89ab-cdef-0123-456789abcdef"
    );
    assert_eq!(Path::new("/items").key_segment(&7_i32).as_str(), "/items/7");
}

#[test]
fn composite_keys_list_name_value_pairs() {
    let path = Path::new("/orderLines").composite_key(&[("orderId", &1_i32), ("sku", &"x'y")]);
    assert_eq!(path.as_str(), "/orderLines(orderId=1,sku='x''y')");
}

#[test]
fn function_calls_have_parentheses_and_literal_parameters() {
    let path = Path::new("/drive/root").call("microsoft.graph.itemAt", &[("index", &3_i32)]);
    assert_eq!(path.as_str(), "/drive/root/microsoft.graph.itemAt(index=3)");
    assert_eq!(Path::new("/me").call("delta", &[]).as_str(), "/me/delta()");
    let path = Path::new("/reports").call(
        "getReport",
        &[
            ("period", &"D7"),
            ("ratio", &f64::INFINITY),
            ("low", &f64::NEG_INFINITY),
        ],
    );
    assert_eq!(
        path.as_str(),
        "/reports/getReport(period='D7',ratio=INF,low=-INF)"
    );
    let path = Path::new("/x").call("f", &[("p", &Alias("p"))]);
    assert_eq!(path.as_str(), "/x/f(p=@p)");
}

#[test]
fn literals_follow_the_odata_abnf() {
    assert_eq!(literal(&"it's"), "'it''s'");
    assert_eq!(literal(&String::from("")), "''");
    assert_eq!(literal(&true), "true");
    assert_eq!(literal(&-5_i8), "-5");
    assert_eq!(literal(&255_u8), "255");
    assert_eq!(literal(&9_007_199_254_740_993_i64), "9007199254740993");
    assert_eq!(literal(&1.5_f64), "1.5");
    assert_eq!(literal(&1e300_f64), "1e300");
    assert_eq!(literal(&f64::NAN), "NaN");
    assert_eq!(literal(&0.1_f32), "0.1");
    assert_eq!(
        literal(&datetime!(2024-01-31 12:00:00.5 UTC)),
        "2024-01-31T12:00:00.5Z"
    );
    assert_eq!(literal(&date!(2024 - 01 - 31)), "2024-01-31");
    assert_eq!(literal(&time!(08:30:00)), "08:30:00");
    assert_eq!(
        literal(&(time::Duration::days(1) + time::Duration::hours(2))),
        "duration'P1DT2H'"
    );
    assert_eq!(literal(&Binary(vec![0xfb, 0xff])), "binary'-_8='");
    assert_eq!(literal(&"12.50".parse::<Decimal>().unwrap()), "12.50");
    let member = EnumLiteral {
        qualified_type: "microsoft.graph.restoreSessionStatus",
        member: "active",
    };
    assert_eq!(
        literal(&member),
        "microsoft.graph.restoreSessionStatus'active'"
    );
    assert_eq!(literal(&Box::new(3_i16)), "3");
}

#[test]
fn a_plus_in_a_date_time_offset_is_encoded() {
    let path = Path::new("/events").key(&datetime!(2024-01-31 12:00 +02:00));
    assert_eq!(path.as_str(), "/events(2024-01-31T12:00:00%2B02:00)");
}

#[test]
fn query_values_are_percent_encoded_canonically() {
    let request = get(Path::new("/users")).options(Some(
        ListOptions::new()
            .filter("status eq 'active'")
            .select(["id", "displayName"]),
    ));
    assert_eq!(
        request.path_and_query(),
        "/users?$select=id,displayName&$filter=status%20eq%20'active'"
    );
    let request =
        get(Path::new("/users")).options(Some(ListOptions::new().filter("name eq 'a+b&c=d#e%f'")));
    assert_eq!(
        request.path_and_query(),
        "/users?$filter=name%20eq%20'a%2Bb%26c%3Dd%23e%25f'"
    );
    assert_eq!(
        request.query(),
        &[("$filter".to_owned(), "name eq 'a+b&c=d#e%f'".to_owned())]
    );
}

#[test]
fn query_options_come_in_a_fixed_order() {
    let options = ListOptions::new()
        .count(true)
        .skip(20)
        .top(10)
        .orderby(["createdDateTime desc"])
        .search("displayName:ada")
        .filter("a eq 1")
        .expand(["members"])
        .select(["id"]);
    let request = get(Path::new("/groups")).options(Some(options));
    let names: Vec<&str> = request.query().iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "$select", "$expand", "$filter", "$search", "$orderby", "$top", "$skip", "$count"
        ]
    );
    assert_eq!(
        request.path_and_query(),
        "/groups?$select=id&$expand=members&$filter=a%20eq%201&$search=%22displayName:ada%22\
         &$orderby=createdDateTime%20desc&$top=10&$skip=20&$count=true"
    );
}

#[test]
fn search_is_quoted_once() {
    let request = get(Path::new("/x")).options(Some(ListOptions::new().search("\"already\"")));
    assert_eq!(request.query()[0].1, "\"already\"");
    let request = get(Path::new("/x")).options(Some(ListOptions::new().search("two words")));
    assert_eq!(request.query()[0].1, "\"two words\"");
}

#[test]
fn no_options_leave_the_request_alone() {
    let request = get(Path::new("/x")).options(None::<GetOptions>);
    assert_eq!(request.path_and_query(), "/x");
    assert!(request.query().is_empty());
}

#[test]
fn accept_follows_the_response_kind() {
    let request = get(Path::new("/x"));
    assert_eq!(request.headers()[header::ACCEPT], "application/json");
    let count: Request<odata_runtime::Count> = Request::new(Method::GET, Path::new("/x/$count"));
    assert_eq!(count.headers()[header::ACCEPT], "text/plain");
}

#[test]
fn prefer_values_are_merged() {
    let request = get(Path::new("/x"))
        .options(Some(
            ListOptions::new()
                .header("Prefer", "odata.maxpagesize=5")
                .consistency_level_eventual(),
        ))
        .include_unknown_enum_members()
        .include_unknown_enum_members();
    assert_eq!(
        request.headers()["prefer"],
        "odata.maxpagesize=5, include-unknown-enum-members"
    );
    assert_eq!(request.headers()["consistencylevel"], "eventual");
}

#[test]
fn each_to_http_gets_a_fresh_client_request_id() {
    let request = get(Path::new("/x"));
    let first = request.to_http(BASE).unwrap();
    let second = request.to_http(BASE).unwrap();
    let a = first.headers()[CLIENT_REQUEST_ID].to_str().unwrap();
    let b = second.headers()[CLIENT_REQUEST_ID].to_str().unwrap();
    assert_ne!(a, b);
    assert_eq!(uuid::Uuid::parse_str(a).unwrap().get_version_num(), 4);
    assert!(!request.headers().contains_key(CLIENT_REQUEST_ID));
}

#[test]
fn user_headers_are_preserved_including_a_client_request_id() {
    let request: Request<NoContent> =
        Request::new(Method::DELETE, Path::new("/x/1")).options(Some(
            Options::new()
                .header("If-Match", "W/\"etag\"")
                .header("client-request-id", "mine"),
        ));
    let http = request.to_http(BASE).unwrap();
    assert_eq!(http.method(), Method::DELETE);
    assert_eq!(http.headers()["if-match"], "W/\"etag\"");
    assert_eq!(http.headers()[CLIENT_REQUEST_ID], "mine");
    assert_eq!(http.uri(), "https://graph.microsoft.com/beta/x/1");
}

#[test]
fn the_base_url_may_end_with_a_slash() {
    let http = get(Path::new("/me"))
        .to_http("https://graph.microsoft.com/v1.0/")
        .unwrap();
    assert_eq!(http.uri(), "https://graph.microsoft.com/v1.0/me");
}

#[test]
fn bad_input_is_an_invalid_request_not_a_panic() {
    let bad_name = get(Path::new("/x")).options(Some(GetOptions::new().header("bad name", "v")));
    assert!(matches!(
        bad_name.to_http(BASE),
        Err(Error::InvalidRequest(_))
    ));
    let bad_value = get(Path::new("/x")).header("X-Test", "line\nbreak");
    assert!(matches!(
        bad_value.to_http(BASE),
        Err(Error::InvalidRequest(_))
    ));
    let relative_base = get(Path::new("/x")).to_http("graph.microsoft.com");
    assert!(matches!(relative_base, Err(Error::InvalidRequest(_))));
    let mut map = std::collections::HashMap::new();
    map.insert(vec![1_u8], 2);
    let bad_body = get(Path::new("/x")).json(&map);
    let err = bad_body.to_http(BASE).unwrap_err();
    assert!(
        matches!(err, Error::InvalidRequest(ref m) if m.starts_with("body:")),
        "{err}"
    );
}

#[test]
fn a_json_body_sets_the_content_type() {
    let request = Request::<Entity<Value>>::new(Method::POST, Path::new("/x"))
        .json(&json!({"displayName": "a"}));
    let http = request.to_http(BASE).unwrap();
    assert_eq!(http.headers()[header::CONTENT_TYPE], "application/json");
    assert_eq!(http.body().as_slice(), br#"{"displayName":"a"}"#);
}

#[test]
fn action_parameters_form_one_object_in_call_order_with_wire_forms() {
    let request = Request::<NoContent>::new(Method::POST, Path::new("/x/microsoft.graph.act"))
        .parameter("zeta", &f64::INFINITY)
        .parameter("when", &datetime!(2024-01-31 12:00 UTC))
        .parameter_seq("ids", &[1_i64, 2])
        .parameter_null("comment")
        .parameter("name", &"a\"b".to_owned());
    assert_eq!(
        std::str::from_utf8(request.body().unwrap()).unwrap(),
        r#"{"zeta":"INF","when":"2024-01-31T12:00:00Z","ids":[1,2],"comment":null,"name":"a\"b"}"#
    );
    assert_eq!(request.headers()[header::CONTENT_TYPE], "application/json");
    assert_eq!(body_json(&request)["ids"], json!([1, 2]));
}

#[test]
fn aliases_carry_json_in_the_query() {
    let request = get(Path::new("/x").call("f", &[("p", &Alias("p"))]))
        .alias("p", &vec!["a b".to_owned(), "c&d".to_owned()]);
    assert_eq!(
        request.query()[0],
        ("@p".to_owned(), r#"["a b","c&d"]"#.to_owned())
    );
    assert_eq!(
        request.path_and_query(),
        "/x/f(p=@p)?@p=%5B%22a%20b%22,%22c%26d%22%5D"
    );
}

#[test]
fn string_parameters_and_sequence_aliases_take_borrowed_values() {
    let request = Request::<NoContent>::new(Method::POST, Path::new("/x/act"))
        .parameter_str("name", "O'Neil \"x\"");
    assert_eq!(body_json(&request), json!({"name": "O'Neil \"x\""}));
    let request = get(Path::new("/x").call("f", &[("p", &Alias("p"))])).alias_seq("p", &[1_i64, 2]);
    assert_eq!(request.query()[0], ("@p".to_owned(), "[1,2]".to_owned()));
}

#[test]
fn a_nullable_function_parameter_is_null_when_absent() {
    let none: Option<&str> = None;
    let path = Path::new("/x").call(
        "f",
        &[("a", &none), ("b", &Some(3_i32)), ("c", &Some("it's"))],
    );
    assert_eq!(path.as_str(), "/x/f(a=null,b=3,c='it''s')");
}

fn page(next: Option<&str>) -> Page<Value> {
    Page {
        value: vec![],
        next_link: next.map(str::to_owned),
        count: None,
        context: None,
    }
}

#[test]
fn the_next_page_targets_the_next_link_with_the_same_headers() {
    let first: Request<Collection<Value>> = Request::new(Method::GET, Path::new("/users"))
        .options(Some(ListOptions::new().top(2).consistency_level_eventual()))
        .include_unknown_enum_members();
    let absolute = "https://graph.microsoft.com/beta/users?$top=2&$skiptoken=X%2BY";
    let next = first.next_page(&page(Some(absolute))).unwrap();
    assert!(next.query().is_empty());
    assert_eq!(next.headers(), first.headers());
    let http = next.to_http(BASE).unwrap();
    assert_eq!(http.uri(), absolute);

    let relative = next.next_page(&page(Some("users?$skiptoken=Z"))).unwrap();
    let http = relative
        .to_http("https://graph.microsoft.com/beta/")
        .unwrap();
    assert_eq!(
        http.uri(),
        "https://graph.microsoft.com/beta/users?$skiptoken=Z"
    );
    assert_eq!(relative.path_and_query(), "/users?$skiptoken=Z");

    assert!(relative.next_page(&page(None)).is_none());
    assert!(relative.next_page(&page(Some(""))).is_none());
}

#[test]
fn debug_shows_the_request() {
    let request = get(Path::new("/users")).json(&json!({"a": 1}));
    let debug = format!("{request:?}");
    assert!(debug.contains("/users"), "{debug}");
    assert!(debug.contains("7 bytes"), "{debug}");
}
