//! Bad inputs too big to commit (megabytes of brackets), built by the tests that use them:
//! `codegen/tests/adversarial.rs` and `xtask/tests/adversarial_cli.rs` (through `#[path]`).

/// As deep as the issue asks: far past any parser's recursion limit and any stack.
pub const DEPTH: usize = 100_000;

/// (file name, bytes) of each generated bad input, in name order.
pub fn generated_bad_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <!-- Attacks: {DEPTH} levels of nested annotation expressions, the one CSDL element\n\
         \x20    the reader descends into. -->\n\
         <edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n\
         <edmx:DataServices>\n\
         <Schema Namespace=\"adv.bad\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n\
         <ComplexType Name=\"c\"><Annotation Term=\"Org.OData.Core.V1.Links\">{}{}</Annotation></ComplexType>\n\
         </Schema>\n\
         </edmx:DataServices>\n\
         </edmx:Edmx>\n",
        "<Collection>".repeat(DEPTH),
        "</Collection>".repeat(DEPTH)
    );
    let json = format!(
        "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"adv.bad\", \"version\": \"1\"}}, \
         \"paths\": {{}}, \"x-deep\": {}{}}}\n",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    let yaml = format!(
        "# Attacks: {DEPTH} nested flow sequences, which a YAML scanner pays for per level.\n\
         openapi: 3.0.3\ninfo: {{title: adv.bad, version: '1'}}\npaths: {{}}\nx-deep: {}{}\n",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    vec![
        ("generated_deep_nesting.xml", xml.into_bytes()),
        ("generated_openapi_deep.json", json.into_bytes()),
        ("generated_openapi_deep.yaml", yaml.into_bytes()),
    ]
}
