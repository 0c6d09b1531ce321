// Drives assay's MLflow-compatible tracking API through the independent Node.js `mlflow` client
// (npm package mlflow 2.0.7), one step per endpoint. Usage: node drive.js http://127.0.0.1:PORT
// With MLFLOW_TRACKING_TOKEN (an editor's token) set, every request carries it, and a last step
// checks the server's auth in MLflow's error shape (ASSAY_VIEWER_TOKEN: a viewer's token).
// Prints "STEP <name>" after each step that behaved as MLflow's API specifies; exits 1 (message on
// stderr) at the first that did not. The client logs every POST body to stdout; those lines are noise.
'use strict';
const assert = require('node:assert/strict');
const MLflow = require('mlflow');
const { ViewType, RunStatus } = require('mlflow/enum');

const endpoint = process.argv[2];
// As MLflow's own clients do: a token in MLFLOW_TRACKING_TOKEN is sent as a Bearer token.
const trackingToken = process.env.MLFLOW_TRACKING_TOKEN;
const bearer = (t) => (t ? { Authorization: `Bearer ${t}` } : {});
const client = new MLflow({ endpoint, headers: bearer(trackingToken) });
const { Experiments, Runs, Metrics } = client;

function step(name) {
  process.stdout.write(`STEP ${name}\n`);
}

// The client rejects with Error("Error: {status, statusText, data}"): the server's reply.
async function refusal(promise) {
  try {
    await promise;
  } catch (e) {
    const text = String(e.message);
    return JSON.parse(text.slice(text.indexOf('{')));
  }
  assert.fail('the request was expected to be refused');
}

(async () => {
  const name = `node-client-${Date.now()}`;

  // experiments/create, experiments/get
  const { experiment_id } = await Experiments.create({ name });
  assert.match(experiment_id, /^[0-9]+$/);
  step('experiments/create');
  const { experiment } = await Experiments.get({ experiment_id });
  assert.equal(experiment.name, name);
  assert.equal(experiment.lifecycle_stage, 'active');
  assert.equal(typeof experiment.creation_time, 'number');
  step('experiments/get');

  // experiments/get-by-name and experiments/search are not wrapped by this client: its own request
  // method sends them, as it sends every call.
  const byName = await Experiments.req('get', '/get-by-name', { experiment_name: name });
  assert.equal(byName.experiment.experiment_id, experiment_id);
  step('experiments/get-by-name');
  const found = await Experiments.req('post', '/search', { filter: `name = '${name}'`, max_results: 10 });
  assert.deepEqual(found.experiments.map((e) => e.experiment_id), [experiment_id]);
  step('experiments/search');

  // runs/create
  const start = 1700000000000;
  const created = await Runs.create({
    experiment_id, start_time: start, tags: [{ key: 'mlflow.runName', value: 'node-run' }, { key: 'team', value: 'nlp' }],
  });
  const runId = created.run.info.run_id;
  assert.match(runId, /^[0-9a-f]{32}$/);
  assert.equal(created.run.info.run_name, 'node-run');
  assert.equal(created.run.info.status, RunStatus.RUNNING);
  assert.equal(created.run.info.start_time, start);
  step('runs/create');

  // runs/log-parameter, runs/log-metric, runs/set-tag, runs/log-batch
  await Runs.logParameter({ run_id: runId, key: 'lr', value: '0.01' });
  step('runs/log-parameter');
  for (let s = 0; s < 5; s++) {
    await Runs.logMetric({ run_id: runId, key: 'loss', value: 1 / (s + 1), timestamp: start + s, step: s });
  }
  step('runs/log-metric');
  await Runs.setTag({ run_id: runId, key: 'stage', value: 'training' });
  step('runs/set-tag');
  await Runs.logBatch({
    run_id: runId,
    metrics: [{ key: 'acc', value: 0.75, timestamp: start + 10, step: 4 }, { key: 'acc', value: 0.8, timestamp: start + 11, step: 5 }],
    params: [{ key: 'depth', value: '6' }],
    tags: [{ key: 'stage', value: 'evaluated' }],
  });
  step('runs/log-batch');

  // runs/get: the latest value of each metric, every param and tag
  const { run } = await Runs.get({ run_id: runId });
  const metrics = Object.fromEntries(run.data.metrics.map((m) => [m.key, m]));
  assert.equal(metrics.loss.value, 0.2);
  assert.equal(metrics.loss.step, 4);
  assert.equal(metrics.acc.value, 0.8);
  assert.deepEqual(Object.fromEntries(run.data.params.map((p) => [p.key, p.value])), { depth: '6', lr: '0.01' });
  const tags = Object.fromEntries(run.data.tags.map((t) => [t.key, t.value]));
  assert.equal(tags.stage, 'evaluated');
  assert.equal(tags.team, 'nlp');
  step('runs/get');

  // metrics/get-history: every value in the order logged
  const history = await Metrics.getHistory({ run_id: runId, metric_key: 'loss' });
  assert.deepEqual(history.metrics.map((m) => [m.step, m.value]), [[0, 1], [1, 0.5], [2, 1 / 3], [3, 0.25], [4, 0.2]]);
  step('metrics/get-history');

  // runs/search: a filter over metrics, params and attributes; paging with tokens
  const second = await Runs.create({ experiment_id, start_time: start + 1 });
  await Runs.logMetric({ run_id: second.run.info.run_id, key: 'acc', value: 0.4, timestamp: start, step: 0 });
  const filtered = await Runs.search({
    experiment_ids: [experiment_id], filter: "metrics.acc > 0.5 and params.lr = '0.01' and attributes.status = 'RUNNING'",
    run_view_type: ViewType.ACTIVE_ONLY,
  });
  assert.deepEqual(filtered.runs.map((r) => r.info.run_id), [runId]);
  const ids = [];
  let token;
  let pages = 0;
  do {
    const page = await Runs.search({ experiment_ids: [experiment_id], max_results: 1, order_by: ['metrics.acc DESC'], page_token: token });
    ids.push(...page.runs.map((r) => r.info.run_id));
    token = page.next_page_token;
    pages++;
  } while (token && pages < 5);
  assert.deepEqual(ids, [runId, second.run.info.run_id]);
  step('runs/search');

  // runs/update
  const updated = await Runs.update({ run_id: runId, status: RunStatus.FINISHED, end_time: start + 60000 });
  assert.equal(updated.run_info.status, 'FINISHED');
  assert.equal(updated.run_info.end_time, start + 60000);
  step('runs/update');

  // runs/delete: gone from active searches, present among deleted ones
  await Runs.delete({ run_id: second.run.info.run_id });
  const active = await Runs.search({ experiment_ids: [experiment_id], run_view_type: ViewType.ACTIVE_ONLY });
  assert.deepEqual(active.runs.map((r) => r.info.run_id), [runId]);
  const deleted = await Runs.search({ experiment_ids: [experiment_id], run_view_type: ViewType.DELETED_ONLY });
  assert.deepEqual(deleted.runs.map((r) => r.info.lifecycle_stage), ['deleted']);
  step('runs/delete');

  // MLflow's error codes and statuses reach the client
  let e = await refusal(Runs.get({ run_id: '0'.repeat(32) }));
  assert.equal(e.status, 404);
  assert.equal(e.data.error_code, 'RESOURCE_DOES_NOT_EXIST');
  e = await refusal(Experiments.create({ name }));
  assert.equal(e.status, 400);
  assert.equal(e.data.error_code, 'RESOURCE_ALREADY_EXISTS');
  e = await refusal(Runs.logParameter({ run_id: runId, key: 'lr', value: '0.02' }));
  assert.equal(e.data.error_code, 'INVALID_PARAMETER_VALUE');
  e = await refusal(Runs.logMetric({ run_id: second.run.info.run_id, key: 'acc', value: 1, timestamp: start }));
  assert.equal(e.data.error_code, 'INVALID_PARAMETER_VALUE');
  step('errors');

  // The server's auth, answered in MLflow's error shape: no token, a viewer logging, a viewer reading.
  if (trackingToken) {
    const anonymous = new MLflow({ endpoint });
    e = await refusal(anonymous.Runs.get({ run_id: runId }));
    assert.equal(e.status, 401);
    assert.equal(e.data.error_code, 'UNAUTHENTICATED');
    const viewer = new MLflow({ endpoint, headers: bearer(process.env.ASSAY_VIEWER_TOKEN) });
    e = await refusal(viewer.Runs.logMetric({ run_id: runId, key: 'loss', value: 0, timestamp: start }));
    assert.equal(e.status, 403);
    assert.equal(e.data.error_code, 'PERMISSION_DENIED');
    const seen = await viewer.Runs.search({ experiment_ids: [experiment_id], run_view_type: ViewType.ALL });
    assert.equal(seen.runs.length, 2);
    step('auth');
  }

  process.stdout.write(`DONE ${runId} ${experiment_id}\n`);
})().catch((err) => {
  process.stderr.write(`FAILED: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
