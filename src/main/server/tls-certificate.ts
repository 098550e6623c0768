/**
 * The certificate of the participant server on a LAN address: self-signed, made on first
 * use and kept in the data directory (so its fingerprint stays the same between runs), for
 * exactly that address. People compare its SHA-256 fingerprint (printed at start, shown on
 * the invite screen) with what their browser shows before they trust it.
 */
import { X509Certificate } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { join } from 'node:path'
import { generate } from 'selfsigned'

/** A year: an incident tool is restarted far more often than that. */
const VALIDITY_DAYS = 365

export interface ServerCertificate {
  key: string
  cert: string
  /** SHA-256 of the certificate (DER), as browsers show it: "AB:CD:…". */
  fingerprint: string
}

function fingerprintOf(cert: string): string {
  return new X509Certificate(cert).fingerprint256
}

function coversAddress(cert: string, address: string): boolean {
  const x509 = new X509Certificate(cert)
  const valid = new Date(x509.validTo).getTime() > Date.now() + 24 * 60 * 60_000
  const matches = isIP(address)
    ? x509.checkIP(address) !== undefined
    : x509.checkHost(address) !== undefined
  return valid && matches
}

export async function loadOrCreateCertificate(
  dataDir: string,
  address: string,
): Promise<ServerCertificate> {
  const dir = join(dataDir, 'tls')
  const keyFile = join(dir, `${address.replace(/[^\w.-]/g, '_')}.key.pem`)
  const certFile = join(dir, `${address.replace(/[^\w.-]/g, '_')}.cert.pem`)
  if (existsSync(keyFile) && existsSync(certFile)) {
    const key = readFileSync(keyFile, 'utf8')
    const cert = readFileSync(certFile, 'utf8')
    if (coversAddress(cert, address)) return { key, cert, fingerprint: fingerprintOf(cert) }
  }
  const altName = isIP(address)
    ? { type: 7 as const, ip: address }
    : { type: 2 as const, value: address }
  const pems = await generate([{ name: 'commonName', value: `War Room (${address})` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + VALIDITY_DAYS * 24 * 60 * 60_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [altName] },
    ],
  })
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  writeFileSync(keyFile, pems.private, { mode: 0o600 })
  writeFileSync(certFile, pems.cert, { mode: 0o644 })
  return { key: pems.private, cert: pems.cert, fingerprint: fingerprintOf(pems.cert) }
}
