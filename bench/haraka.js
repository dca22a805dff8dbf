'use strict'
// Cases A, B and C of bench/ with haraka-dsn 1.2.1 under node: build the
// DSN and render it to the wire as Haraka's connection.respond() does
// (code, '-' or ' ', line, CRLF per line), into a string: the socket's
// encoding to bytes is left out, in haraka-dsn's favour. Same method as
// the C bench: rounds in turn, median ns/op.
//   node haraka.js [--rounds N] [--round-ms MS] [--quick] [--tsv]
const DSN = require('haraka-dsn')

const cases = {
  A: () => DSN.no_such_user(),
  B: () => DSN.mbox_full('Mailbox full, try later', 452),
  C: () => DSN.create(550, ['line one', 'line two', 'line three'], 1, 1)
}

// connection.respond(): a DSN's reply, split on '\n', blank lines dropped
function wire (dsn) {
  const lines = (Array.isArray(dsn.reply) ? dsn.reply.slice() : dsn.reply.toString().split(/\n/))
    .filter((l) => /\S/.test(l))
  let buf = ''
  for (let i = 0; i < lines.length; i++) {
    buf = `${buf}${dsn.code}${i === lines.length - 1 ? ' ' : '-'}${lines[i]}\r\n`
  }
  return buf
}

let sink = 0
function batch (make, n) {
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < n; i++) sink += wire(make()).length
  return Number(process.hrtime.bigint() - t0)
}

function calibrate (make, target) {
  let n = 1
  let t
  while ((t = batch(make, n)) < target / 8) n *= 2
  return Math.max(1, Math.round(n * target / Math.max(t, 1)))
}

const args = process.argv.slice(2)
let rounds = 31
let roundMs = 2
let tsv = false
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i])
  else if (args[i] === '--round-ms') roundMs = Number(args[++i])
  else if (args[i] === '--quick') { rounds = 3; roundMs = 0.2 }
  else if (args[i] === '--tsv') tsv = true
  else { console.error('usage: node haraka.js [--rounds N] [--round-ms MS] [--quick] [--tsv]'); process.exit(2) }
}

const ids = Object.keys(cases)
for (const id of ids) batch(cases[id], 100000) // let the JIT settle first
const calls = ids.map((id) => calibrate(cases[id], roundMs * 1e6))
const samples = ids.map(() => [])
for (let r = 0; r < rounds; r++) {
  ids.forEach((id, k) => samples[k].push(batch(cases[id], calls[k]) / calls[k]))
}
const median = (v) => {
  const s = v.slice().sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
ids.forEach((id, k) => {
  const ns = median(samples[k]).toFixed(2)
  console.log(tsv ? `${id}\tharaka-dsn\t${ns}` : `${id}  ${ns} ns/op  ${JSON.stringify(wire(cases[id]()))}`)
})
if (sink === 0) process.exit(1)
