#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds: the built-in checklists, the samples, the test
# fixtures and the hostile corpus. Safe to run again; libFuzzer adds what it finds next to them.
set -euo pipefail
cd "$(dirname "$0")"
root=..
copy() { # copy TARGET FILES...
  local target=$1; shift
  mkdir -p "corpus/$target"
  for file in "$@"; do
    [ -f "$file" ] && cp "$file" "corpus/$target/$(echo "${file#../}" | tr '/' '_')"
  done
  return 0
}
shopt -s nullglob
checklists=("$root"/checklists/*.yaml "$root"/crates/dei-core/tests/fixtures/checklists/*)
answers=("$root"/checklists/samples/*.yaml "$root"/crates/dei-core/tests/fixtures/answers/*
         "$root"/crates/dei-cli/tests/hostile/*.yaml "$root"/crates/dei-cli/tests/fixtures/*.yaml)
tailorings=("$root"/crates/dei-core/tests/fixtures/tailorings/* "$root"/checklists/samples/*tailor*
            seeds/tailorings/*)
copy load_checklist "${checklists[@]}"
copy load_answers "${answers[@]}"
copy score_and_render "${answers[@]}"
copy load_tailoring "${tailorings[@]}" "${answers[@]}"
copy fast_vs_located "${answers[@]}" "$root"/crates/dei-core/tests/fixtures/answers/*.json
# Imports: the kept seeds (a small Kobo CSV) and the sample Kobo export.
copy import seeds/import/* "$root"/checklists/samples/kobo-import/*.csv
# Expressions: every condition and rule of the built-in checklists, one per file.
mkdir -p corpus/expression
grep -hoE '(applies_if|when): "[^"]+"' "$root"/checklists/*.yaml \
  | sed -E 's/^(applies_if|when): "(.*)"$/\2/' \
  | while IFS= read -r expression; do
      printf '%s' "$expression" > "corpus/expression/$(printf '%s' "$expression" | sha1sum | cut -c1-16)"
    done
cp seeds/expressions/* corpus/expression/ 2>/dev/null || true
mkdir -p corpus/direct_vs_minijinja
cp corpus/expression/* corpus/direct_vs_minijinja/
for target in corpus/*; do echo "$target: $(ls "$target" | wc -l) seeds"; done
