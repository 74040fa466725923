// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright 2026 The Meldpunt developers
//
// Validates CSAF 2.0 documents with @secvisogram/csaf-validator-lib: the
// OASIS JSON schema (schemaTests) and the standard's mandatory tests.
// Usage: node csaf-validate.mjs LIB-DIR FILE.json…
// Prints one line per failed test and exits 1 when a document fails.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [lib, ...files] = process.argv.slice(2)
const load = (name) => import(pathToFileURL(join(lib, name)).href)
const validate = (await load('validate.js')).default
const schemaTests = await load('schemaTests.js')
const mandatoryTests = await load('mandatoryTests.js')
const tests = [...Object.values(schemaTests), ...Object.values(mandatoryTests)]

let failed = false
for (const file of files) {
  const doc = JSON.parse(readFileSync(file, 'utf8'))
  const result = await validate(tests, doc)
  for (const test of result.tests) {
    if (!test.isValid) {
      failed = true
      console.log(`${file}: ${test.name}: ${JSON.stringify(test.errors)}`)
    }
  }
  console.log(`${file}: ${result.tests.length} tests, ${result.isValid ? 'valid' : 'INVALID'}`)
}
process.exit(failed ? 1 : 0)
