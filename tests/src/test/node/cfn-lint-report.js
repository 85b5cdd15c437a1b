// Runs cfn-lint (the npm package the build installs in infra/node_modules) on one template and
// prints its findings as one JSON object on stdout: {"templateValid": bool, "errors": {"crit":
// [...], "warn": [...], "info": [...]}}, each finding {"resource", "message", "documentation"}.
//
// usage: node cfn-lint-report.js <node_modules dir> <template> [Name=Value ...]
'use strict';
const path = require('path');

const [nodeModules, template, ...assignments] = process.argv.slice(2);
if (!nodeModules || !template) {
  process.stderr.write('usage: node cfn-lint-report.js <node_modules dir> <template> [Name=Value ...]\n');
  process.exit(2);
}
const parameters = {};
for (const assignment of assignments) {
  const equals = assignment.indexOf('=');
  parameters[assignment.slice(0, equals)] = assignment.slice(equals + 1);
}
const cfnLint = require(path.join(path.resolve(nodeModules), 'cfn-lint'));
let result;
try {
  result = cfnLint.validateFile(path.resolve(template), { parameters });
} catch (e) {
  // A template cfn-lint cannot even parse is a finding too, not a crash of this script.
  result = {
    templateValid: false,
    errors: { crit: [{ resource: 'template', message: String(e.message || e), documentation: '' }], warn: [], info: [] },
  };
}
process.stdout.write(JSON.stringify({ templateValid: result.templateValid, errors: result.errors }) + '\n');
