import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  maskEveryPattern,
  maskSecrets,
  mayHoldSecret,
} from '../../../../src/shared/commands/mask-secrets'

describe('secret masking: what the room never sees', () => {
  it.each([
    // env-style assignments
    [
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY aws s3 ls',
      'AWS_SECRET_ACCESS_KEY=•••••• aws s3 ls',
    ],
    ['PGPASSWORD=hunter2 psql -h db', 'PGPASSWORD=•••••• psql -h db'],
    ['MYSQL_PWD=hunter2 mysql', 'MYSQL_PWD=•••••• mysql'],
    ['export X_TOKEN=abc123', 'export X_TOKEN=••••••'],
    ['export GITHUB_TOKEN="ghp with space"', 'export GITHUB_TOKEN="••••••"'],
    ["DB_PASSWORD='a b c' ./run", "DB_PASSWORD='••••••' ./run"],
    ['REDIS_PASS=s3cret STRIPE_KEY=abc', 'REDIS_PASS=•••••• STRIPE_KEY=••••••'],
    ['api_key=abc123 apikey=def auth=xyz', 'api_key=•••••• apikey=•••••• auth=••••••'],
    ['password = hunter2', 'password = ••••••'],
    // options
    ['mysql --password=hunter2secret -u root', 'mysql --password=•••••• -u root'],
    ['deploy --password topsecret --env prod', 'deploy --password •••••• --env prod'],
    ['kubectl --token abc.def get pods', 'kubectl --token •••••• get pods'],
    ['kubectl get pods --token=abc.def', 'kubectl get pods --token=••••••'],
    ['wget --http-password=pw https://x', 'wget --http-password=•••••• https://x'],
    ['openssl enc -pass pass:hunter2 -in x', 'openssl enc -pass •••••• -in x'],
    [
      'gh auth login --with-token ghp_abcdefghijklmnopqrstuvwxyz0123',
      'gh auth login --with-token ••••••',
    ],
    // the password forms of common clients
    ['mysql -u root -pS3cr3t! -e "select 1"', 'mysql -u root -p•••••• -e "select 1"'],
    ["mysql -uroot -p'quoted secret' db", "mysql -uroot -p'••••••' db"],
    ['mysqldump -h db -P3306 -psecret shop', 'mysqldump -h db -P3306 -p•••••• shop'],
    ['sshpass -p Secr3t ssh db1', 'sshpass -p •••••• ssh db1'],
    ['redis-cli -h cache -a R3dis ping', 'redis-cli -h cache -a •••••• ping'],
    ['curl -u admin:hunter2 https://x', 'curl -u admin:•••••• https://x'],
    ["curl --user 'admin:two words' https://x", "curl --user 'admin:••••••' https://x"],
    [
      'htpasswd -bc /etc/nginx/.htpasswd admin S3cret',
      'htpasswd -bc /etc/nginx/.htpasswd admin ••••••',
    ],
    ['htpasswd -nb admin S3cret | tee x', 'htpasswd -nb admin •••••• | tee x'],
    ['htpasswd -B -b -C 10 users.db admin S3cret', 'htpasswd -B -b -C 10 users.db admin ••••••'],
    // JSON and YAML
    ['{"password": "hunter2", "user": "x"}', '{"password": "••••••", "user": "x"}'],
    ['{"auth":"dXNlcjpwYXNz"}', '{"auth":"••••••"}'],
    ['{"client_secret":"a\\"b"}', '{"client_secret":"••••••"}'],
    ['password: hunter2', 'password: ••••••'],
    ['  token: abc', '  token: ••••••'],
    ['Password: see vault', 'Password: •••••• vault'],
    // headers, URLs, token shapes, keys
    [
      "curl -H 'Authorization: Bearer abcdefghijkl' https://api",
      "curl -H 'Authorization: Bearer ••••••' https://api",
    ],
    ['X-Auth-Token: abc', 'X-Auth-Token: ••••••'],
    ['postgres://admin:hunter2@db:5432/app', 'postgres://admin:••••••@db:5432/app'],
    ['https://x.io/cb?token=abc&x=1', 'https://x.io/cb?token=••••••&x=1'],
    ['aws s3 ls # AKIAABCDEFGHIJKLMNOP', 'aws s3 ls # AKIA••••••'],
    ['key AIzaSyA1234567890abcdefghijklmnopqrstuv done', 'key AIza•••••• done'],
    ['sk_live_abcdefghijkl glpat-abcdefghij0123456789', 'sk_live_•••••• glpat-••••••'],
    [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----\nafter',
      '-----BEGIN RSA PRIVATE KEY-----\n••••••\n-----END RSA PRIVATE KEY-----\nafter',
    ],
    ['-----BEGIN PRIVATE KEY-----\nMIIEow', '-----BEGIN PRIVATE KEY-----\n••••••\n'],
    // a quote never closed is masked to the end of the line
    ['PGPASSWORD="half typed\nnext line', 'PGPASSWORD="••••••"\nnext line'],
  ])('masks %j', (text, expected) => {
    expect(maskSecrets(text)).toBe(expected)
  })

  it.each([
    'kubectl -n payments rollout undo deploy/api --to-revision=41',
    'python train.py --tokenizer bert --tokenizer=wordpiece',
    'see password-reset.md: step 3',
    'KEYBOARD=us MONKEY=1 bypass=2 compass: north',
    'the token expired; basic troubleshooting done; secret sauce',
    'auth: 500s since 10:02',
    'credentials: rotated at 10:05',
    'pass: all green',
    'pwd: /var/www',
    'POSTGRES_PASSWORD_FILE=/run/secrets/pg',
    'psql --no-password -h db',
    'docker login --password-stdin -u me',
    'git add -p; ls -pla; ssh -p2222 host',
    'mysql -u root -p shop',
    'curl --user-agent ua:1 https://x',
    'PASSWORD= df -h',
    'Error rate on /checkout above 30% since 13:02 | p99 latency 4.2 s',
  ])('leaves ordinary words alone: %j', (text) => {
    expect(maskSecrets(text)).toBe(text)
  })
})

/** Near misses, separators and the mask itself: noise around the secrets. */
const NOISE = [
  'KEYBOARD',
  '--tokenizer',
  'password-reset.md',
  '--no-password',
  '--password-stdin',
  'bypass',
  'auth',
  'basic',
  '-p',
  '-a',
  '-u',
  '-b',
  '••••••',
  ' ',
  ' ',
  '\t',
  '\n',
  '=',
  ':',
  ': ',
  '"',
  "'",
  '-',
  '--',
  '_',
  '.',
  '/',
  '\\',
  ';',
  '&',
  '|',
  '#',
  '?',
  '@',
]
const anyCase = (w: string) =>
  fc.constantFrom(w, w.toLowerCase(), w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1))
const value = fc.stringMatching(/^[A-Za-z0-9_./+-]{1,12}$/)
const alnum = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`))
const sep = fc.constantFrom('=', ' = ', ': ', ':', ' ', '')
const quoted = fc.oneof(
  value,
  value.map((v) => `"${v} x"`),
  value.map((v) => `'${v}`),
)
/** One of each form a pattern masks, holding only the words that form needs. */
const secretForm = fc.oneof(
  fc
    .tuple(fc.constantFrom('https', 'postgres', 'redis'), value, value)
    .map(([s, u, p]) => `${s}://${u}:${p}@host`),
  fc
    .tuple(anyCase('Authorization'), fc.constantFrom('', 'Bearer ', 'token '), value)
    .map(([a, b, v]) => `${a}: ${b}${v}`),
  fc.tuple(anyCase('Bearer'), alnum(8, 20)).map(([b, v]) => `${b} ${v}`),
  fc
    .tuple(
      fc.constantFrom(
        'PGPASSWORD',
        'db_passwd',
        'client.secret',
        'X-Auth-Token',
        'REDIS_PASS',
        'MYSQL_PWD',
        'STRIPE_KEY',
        'x-apikey',
        'aws_credentials',
        'git-credential',
        'x.auth',
        'pwd',
        'apikey',
        'credentials',
        'auth',
        '--password',
        '--token',
      ),
      fc.constantFrom('', '"', "'"),
      sep,
      quoted,
    )
    .chain(([n, q, s, v]) => anyCase(n).map((name) => `${q}${name}${q}${s}${v}`)),
  fc
    .tuple(
      fc.constantFrom(
        'password',
        'passwd',
        'pass',
        'pwd',
        'passphrase',
        'secret',
        'token',
        'api-key',
        'apikey',
        'access-key',
        'secret-key',
        'db-password',
      ),
      fc.constantFrom('-', '--'),
      quoted,
    )
    .chain(([n, d, v]) => anyCase(n).map((name) => `${d}${name} ${v}`)),
  fc
    .tuple(fc.constantFrom('mysql', 'mysqldump', 'mariadb', 'mariadb-dump'), quoted)
    .map(([m, v]) => `${m} -u x -p${v}`),
  fc.tuple(fc.constantFrom('', ' '), quoted).map(([s, v]) => `sshpass -p${s}${v} ssh h`),
  fc.tuple(fc.constantFrom('', ' '), quoted).map(([s, v]) => `redis-cli -a${s}${v}`),
  fc
    .tuple(fc.constantFrom('-u ', '-u', '--user ', '--user=', '-U ', '--proxy-user '), quoted)
    .map(([o, v]) => `curl ${o}me:${v} example.com`),
  fc.tuple(fc.constantFrom('-b', '-nb', '-bc f'), value).map(([o, v]) => `htpasswd ${o} me ${v}`),
  fc
    .tuple(fc.constantFrom('AKIA', 'ASIA'), fc.stringMatching(/^[0-9A-Z]{16}$/))
    .map(([p, v]) => p + v),
  fc
    .tuple(
      fc.constantFrom('ghp_', 'gho_', 'github_pat_', 'glpat-', 'xoxb-', 'sk_live_', 'rk_test_'),
      alnum(20, 30),
    )
    .map(([p, v]) => p + v),
  alnum(35, 40).map((v) => `AIza${v}`),
  fc.tuple(alnum(5, 9), alnum(5, 9)).map(([a, b]) => `eyJ${a}.${b}.${a}`),
  fc
    .tuple(fc.constantFrom('RSA ', 'EC ', ''), value)
    .map(([k, v]) => `-----BEGIN ${k}PRIVATE KEY-----\n${v}`),
)
const textWithSecrets = fc
  .array(fc.oneof(secretForm, fc.constantFrom(...NOISE), value), { maxLength: 6 })
  .map((parts) => parts.join(''))

describe('secret masking: pre-check and idempotence', () => {
  it('lets through every text some pattern would change (the pre-check is never wrong)', () => {
    fc.assert(
      fc.property(textWithSecrets, (text) => {
        if (maskEveryPattern(text) !== text) expect(mayHoldSecret(text)).toBe(true)
      }),
      { numRuns: 20_000 },
    )
  })

  it('masks a masked text to itself', () => {
    fc.assert(
      fc.property(textWithSecrets, (text) => {
        const once = maskSecrets(text)
        expect(maskSecrets(once)).toBe(once)
      }),
      { numRuns: 20_000 },
    )
  })
})

describe('secret masking: hostile text', () => {
  /** Long enough that a scan per occurrence (quadratic) takes many seconds, not milliseconds. */
  const CHARS = 400_000
  const repeat = (unit: string) => unit.repeat(Math.ceil(CHARS / unit.length))

  it.each([
    ['client names', repeat('mysql sshpass redis-cli curl htpasswd ')],
    ['htpasswd -b', repeat('htpasswd -b ')],
    ['options', repeat('-password')],
    ['token shapes', repeat('eyJaaaaa-glpat-aaaa-xoxb-aaaa-')],
    ['a scheme', `${repeat('a-')}://`],
    ['quotes', `password="${repeat('\\')}`],
  ])('masks %s in linear time', (_name, text) => {
    const start = performance.now()
    maskSecrets(text)
    expect(performance.now() - start).toBeLessThan(3_000)
  })
})
