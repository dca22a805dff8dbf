'use strict'
// The conformance oracle: renders cases with the real haraka-dsn 1.2.1.
// Input, one case a line: KIND \t WHAT \t CODE \t MSG \t FORM
//   KIND F: WHAT is a function name; KIND C: WHAT is "subject.detail" for create()
//   CODE a decimal number, or "u" for undefined
//   MSG  hex of the UTF-8 message bytes, or "u" for undefined
//   FORM s: MSG is passed as a string; a: split on "\n" and passed as an array
// Output, one line a case: hex of the wire bytes as Haraka writes them
// (code + sep + line + CRLF for each line of dsn.reply), \t, hex of
// toString(); or NOFN when haraka-dsn has no such function.
const DSN = require('haraka-dsn')
const readline = require('readline')

const hex = (s) => Buffer.from(s, 'utf8').toString('hex')

function render (kind, what, code, msg) {
  if (kind === 'C') {
    const [sub, det] = what.split('.').map(Number)
    return DSN.create(code, msg, sub, det)
  }
  if (typeof DSN[what] !== 'function') return null
  return DSN[what](msg, code)
}

const out = []
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [kind, what, codeField, msgField, form] = line.split('\t')
  const code = codeField === 'u' ? undefined : Number(codeField)
  let msg = msgField === 'u' ? undefined : Buffer.from(msgField, 'hex').toString('utf8')
  if (form === 'a' && msg !== undefined) msg = msg.split('\n')
  const d = render(kind, what, code, msg)
  if (d === null) { out.push('NOFN'); return }
  const lines = Array.isArray(d.reply) ? d.reply : [d.reply]
  const wire = lines.map((l, i) => `${d.code}${i === lines.length - 1 ? ' ' : '-'}${l}\r\n`).join('')
  out.push(`${hex(wire)}\t${hex(d.toString())}`)
}).on('close', () => { process.stdout.write(out.join('\n') + '\n') })
