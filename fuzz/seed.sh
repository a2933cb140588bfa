#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the repository's own inputs. Idempotent: seeds are
# named after their content, so running it again adds nothing new, and whatever libFuzzer
# already added to a corpus stays.
#   bash fuzz/seed.sh            (from anywhere)
set -euo pipefail

fuzz="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$fuzz")"
corpus="$fuzz/corpus"
max=$((1024 * 1024))   # libFuzzer truncates past -max_len anyway; 1 MB keeps the corpus small

# put TARGET FILE [PREFIX_HEX]: copies FILE (with PREFIX bytes in front) into TARGET's corpus.
put() {
    local target=$1 file=$2 prefix=${3:-} dir="$corpus/$1" tmp
    mkdir -p "$dir"
    tmp="$(mktemp)"
    { printf '%b' "$prefix"; cat "$file"; } >"$tmp"
    mv "$tmp" "$dir/seed-$(sha1sum "$tmp" | cut -c1-16)"
}

# The metadata documents: CSDL to csdl_read, OpenAPI to openapi_read, both to generate.
# A file too big to be a seed gives its first 64 KB: truncated XML still reaches the reader.
for file in "$root"/schema/* "$root"/codegen/tests/fixtures/* "$root"/codegen/tests/data/*.xml; do
    [ -f "$file" ] || continue
    case "$file" in *.toml | *.md) continue ;; esac
    source="$file"
    if [ "$(stat -c %s "$file")" -gt "$max" ]; then
        source="$(mktemp)"
        head -c 65536 "$file" >"$source"
    fi
    if [ "$(head -c 512 "$source" | tr -d ' \t\r\n\357\273\277' | head -c 1)" = "<" ]; then
        put csdl_read "$source"
    else
        put openapi_read "$source"
        # The same document as JSON, the reader's other syntax (when PyYAML is there).
        json="$(mktemp)"
        if python3 -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout, indent=1, default=str)' \
            "$source" >"$json" 2>/dev/null; then
            put openapi_read "$json"
            put generate "$json"
        fi
        rm -f "$json"
    fi
    put generate "$source"
    [ "$source" = "$file" ] || rm -f "$source"
done

# JSON bodies: the test data files, and the JSON literals (`json!({...})`, `r#"{...}"#`)
# of generated/tests/*.rs that are plain JSON.
bodies="$(mktemp -d)"
trap 'rm -rf "$bodies"' EXIT
cp "$root"/generated/tests/data/*.json "$bodies/"
if command -v python3 >/dev/null; then
    python3 - "$bodies" "$root"/generated/tests/*.rs <<'PY'
import hashlib, json, re, sys
out, files = sys.argv[1], sys.argv[2:]
for path in files:
    text = open(path, encoding="utf-8").read()
    starts = [m.end() - 1 for m in re.finditer(r'json!\(\s*[\[{]', text)]
    starts += [m.end() for m in re.finditer(r'r#"(?=\s*[\[{])', text)]
    for start in starts:
        depth, i, in_str = 0, start, False
        while i < len(text):
            c = text[i]
            if in_str:
                if c == "\\": i += 1
                elif c == '"': in_str = False
            elif c == '"': in_str = True
            elif c in "[{": depth += 1
            elif c in "]}":
                depth -= 1
                if depth == 0: break
            i += 1
        try:
            value = json.loads(text[start:i + 1])
        except ValueError:
            continue  # Rust expressions inside the macro: not JSON
        data = json.dumps(value).encode()
        name = hashlib.sha1(data).hexdigest()[:16]
        open(f"{out}/lit-{name}.json", "wb").write(data)
PY
fi
printf '42\n' >"$bodies/count.txt"

# models: byte 0 picks the type (MODELS in generated/tests/support/fuzz.rs, 33 of them).
# response: byte 0 the operation (28), byte 1 the status (0 = 200, 11 = 404 in STATUSES),
# byte 2 the content type (1 = application/json, 4 = text/plain).
for body in "$bodies"/*; do
    for pick in $(seq 0 32); do
        put models "$body" "\\x$(printf %02x "$pick")"
    done
    for op in $(seq 0 27); do
        hex="\\x$(printf %02x "$op")"
        put response "$body" "$hex\\x00\\x01"
        put response "$body" "$hex\\x0b\\x01"
    done
done
for op in $(seq 0 27); do
    put response "$bodies/count.txt" "\\x$(printf %02x "$op")\\x00\\x04"
done

for dir in "$corpus"/*; do
    echo "$(basename "$dir"): $(find "$dir" -type f | wc -l) files"
done
