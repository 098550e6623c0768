import { spawnSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scanShell } from '../../../../src/shared/commands/shell-scan'

/** Texts the shell reads to their end: nothing is left open for the next command to join. */
const FINISHED: Array<[name: string, text: string]> = [
  ['a plain command', 'kubectl -n shop get pods'],
  ['doubled single quotes', "echo 'it''s'"],
  ['an escaped double quote', 'echo "a\\"b"'],
  ['an ANSI-C quote with an escaped quote', "echo $'it\\'s'"],
  ['an escaped backslash at the end', 'echo \\\\'],
  ['two escaped backslashes at the end', 'echo a\\\\\\\\'],
  ['an escaped single quote', "echo \\'"],
  ['a backslash in single quotes', "echo '\\'"],
  ['a backslash pair in double quotes', 'echo "\\\\"'],
  ['a locale quote', 'echo $"hi"'],
  ['an apostrophe in double quotes', 'echo "it\'s"'],
  ['a comment holding a quote', "echo hi # it's fine"],
  ['a comment line holding a double quote', '# "quoted\necho ok'],
  ['a hash inside a word, then a closed quote', "echo a#'b'"],
  ['a line continuation in the middle', 'echo a \\\n  b'],
  ['a trailing newline', 'echo done\n'],
  ['a here-doc with its end line', 'cat <<EOF\nhello\nEOF'],
  ['a here-doc, then another command', 'cat <<EOF\nhello\nEOF\necho done'],
  ['a <<- here-doc with tab-indented end', 'cat <<-EOF\n\thello\n\tEOF'],
  ['a quoted delimiter', "cat <<'EOF'\n$(rm -rf /) 'open\nEOF"],
  ['a double-quoted delimiter', 'cat <<"EOF"\nx\nEOF\necho done'],
  ['a here-doc piped on', 'cat <<EOF | grep x\nbody\nEOF'],
  ['two here-docs on one line', 'paste <<A /dev/fd/3 3<<B\na\nA\nb\nB'],
  ['a here-string', 'cat <<<"here string"'],
  ['a shift in arithmetic', 'echo $(( 1 << 2 ))'],
  ['an arithmetic command', '((x = 1 << 3))'],
  ['a test with < and parentheses', '[[ ( a < b ) && -n "$x" ]]'],
  ['process substitution', 'diff <(sort a) <(sort b)'],
  ['output process substitution', 'exec > >(tee -a session.log)'],
  ['a command substitution in double quotes holding a quote', 'echo "$(echo \')\')"'],
  ['backticks', 'echo `date +%s`'],
  ['if … fi', 'if true; then echo yes; else echo no; fi'],
  ['if … fi over several lines', 'if true\nthen\n  echo yes\nfi'],
  ['for … done', 'for i in 1 2 3; do echo $i; done'],
  ['an arithmetic for', 'for ((i=0; i<3; i++)); do echo $i; done'],
  ['while … done with a redirection', 'while read l; do echo "$l"; done < list.txt'],
  ['case … esac', 'case $x in a) echo a;; b|c) echo b;; *) echo other;; esac'],
  ['case without the last ;;', 'case $x in\n  a) echo a\nesac'],
  ['a case in a command substitution', 'x=$(case y in y) echo y;; esac)'],
  ['a function', 'f() { echo hi; }'],
  ['a function keyword', 'function f { echo hi; }'],
  ['a function keyword with parentheses', 'function f() { echo hi; }'],
  ['a group with a redirection', '{ echo a; echo b; } > out.txt'],
  ['a subshell', '(cd /tmp && ls)'],
  ['a quoted default in ${}', 'echo ${x:-"a b"}'],
  ['an array length', 'echo ${#arr[@]}'],
  ['an array assignment', 'arr=(a b "c d")'],
  ['an extended glob', 'ls !(x|y)'],
  ['a JSONPath in single quotes', "kubectl get pods -o jsonpath='{.items[*].metadata.name}'"],
  ['awk braces in single quotes', "awk '{print $1}' f | sort | uniq -c"],
  ['and / or lists', 'grep -E "a|b" f && echo ok || echo no'],
  ['a background job', 'sleep 1 &'],
  ['a trailing semicolon', 'echo a; echo b;'],
  ['brace expansion', 'echo {a,b}'],
  ['time and !', 'time ls; ! grep -q x f'],
  ['a quote across lines', 'echo "a\nb"'],
  ['a closing word that is quoted elsewhere', 'echo "fi" done esac'],
  ['a redirection of stderr', 'ls /nope 2>&1 | tee out'],
  ['a for over words that look like keywords', 'for w in if then fi; do echo $w; done'],
]

/** Texts after which the shell waits for more input, and what it waits for. */
const UNFINISHED: Array<[text: string, what: RegExp]> = [
  ["echo 'a", /open single quote/],
  ['echo "a', /open double quote/],
  ["echo it's", /open single quote/],
  ['echo a \\', /trailing backslash/],
  ['echo a \\\n', /trailing backslash/],
  ['echo "a\\"', /open double quote/],
  ["echo $'a\\'", /open \$'…' quote/],
  ['echo $(ls', /open \$\( … \)/],
  ['echo "$(ls"', /open (double quote|\$\( … \))/],
  ['echo `ls', /open backtick/],
  ['echo ${a', /open \$\{ … \}/],
  ['echo $((1+2)', /open \$\(\( … \)\)/],
  ['cat <<EOF', /here-doc without its end line "EOF"/],
  ['cat <<EOF\nhello', /here-doc without its end line "EOF"/],
  ['cat <<-EOF\nhello\n  EOF', /here-doc without its end line "EOF"/],
  ["cat <<'EOF'\nx\nEOF ", /here-doc without its end line "EOF"/],
  ['cat <<EOF | grep x\nbody', /here-doc/],
  ['echo a |', /ends with \|/],
  ['echo a |\n', /ends with \|/],
  ['echo a &&', /ends with &&/],
  ['echo a ||', /ends with \|\|/],
  ['if true; then echo yes', /if without its fi/],
  ['if true; then echo "fi"', /if without its fi/],
  ['for i in 1 2; do echo $i', /for without its done/],
  ['while true; do', /while without its done/],
  ['case x in a) echo;;', /case without its esac/],
  ['{ echo a', /\{ without its \}/],
  ['f() {', /\{ without its \}/],
  ['(echo a', /open \( without its \)/],
  ['diff <(ls', /open process substitution/],
  ['x=(a b', /open \(/],
  ["echo a # ok\necho 'b", /open single quote/],
  ['echo "a\nb', /open double quote/],
]

describe('shell scan: is the command finished?', () => {
  it.each(FINISHED)('%s is finished', (_name, text) => {
    expect(scanShell(text).unfinished).toBeNull()
  })

  it.each(UNFINISHED)('%j leaves the shell waiting', (text, what) => {
    const { unfinished } = scanShell(text)
    expect(unfinished?.what).toMatch(what)
    expect(unfinished!.index + unfinished!.length).toBeLessThanOrEqual(text.length)
  })

  it('points at what was left open', () => {
    expect(scanShell("echo ok 'rest").unfinished).toEqual({
      index: 8,
      length: 1,
      what: 'open single quote',
    })
    expect(scanShell('cat <<EOF\nx').unfinished).toMatchObject({ index: 4, length: 5 })
    expect(scanShell('echo a \\').unfinished).toMatchObject({ index: 7, length: 1 })
  })

  /** What `bash -n` says of the text: it would wait for more, it is wrong, or it is fine. */
  const bashReads = (body: string): 'waits' | 'error' | 'fine' => {
    const { stderr } = spawnSync('bash', ['-O', 'extglob', '-n'], { input: body, encoding: 'utf8' })
    if (/unexpected EOF|unexpected end of file|delimited by end-of-file/.test(stderr))
      return 'waits'
    return stderr ? 'error' : 'fine'
  }
  const bashSays = (text: string): 'waits' | 'error' | 'fine' => {
    const body = text.replace(/\r?\n$/, '')
    const says = bashReads(body)
    // bash drops a backslash at the very end of a file, where typed it continues the line:
    // one that does (not in a comment) opens a quote when made a quote.
    if (says !== 'waits' && /(^|[^\\])(\\\\)*\\$/.test(body)) {
      if (bashReads(`${body.slice(0, -1)}'`) === 'waits') return 'waits'
    }
    return says
  }
  const bash = spawnSync('bash', ['--version']).status === 0

  it.skipIf(!bash)('agrees with bash on every case of both tables', () => {
    for (const [, text] of FINISHED) expect([text, bashSays(text)]).toEqual([text, 'fine'])
    for (const [text] of UNFINISHED) expect([text, bashSays(text)]).toEqual([text, 'waits'])
  })

  it.skipIf(!bash)('agrees with bash on random lines made of shell syntax', () => {
    const pieces = [
      'echo',
      'cat ',
      ' ',
      'a',
      "'",
      '"',
      '\\',
      '$(',
      ')',
      '`',
      '<<',
      'EOF',
      '\n',
      '|',
    ]
    pieces.push('&&', ';', '#', 'if', 'then', 'fi', '{', '}', '(', '$((', '${', 'case', 'in', ';;')
    pieces.push('esac', 'for', 'do', 'done', '<<-', '\t', "$'", '<(', 'x=(', '<<<', '$"', '[[ ')
    pieces.push(' ]]', '((', '))', 'while ', '\\\n', 'f() ', 'function ', '>', '2>&1', '<', '${x:-')
    const line = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((a) => a.join(''))
    fc.assert(
      fc.property(line, (text) => {
        const says = bashSays(text)
        // Past a syntax error bash stops reading; we may still find something left open.
        if (says === 'error') return
        expect(scanShell(text).unfinished !== null).toBe(says === 'waits')
      }),
      // A fixed sample: past the first error bash's reading of garbage has a long tail of
      // oddities (`[[  ]]|` parses), which this reader does not copy.
      { numRuns: 1_000, seed: 20_240_601 },
    )
  })

  it('stays bounded on hostile nesting and never throws', () => {
    const deep = '$('.repeat(10_000)
    expect(scanShell(`echo ${deep}`).unfinished?.what).toMatch(/too deep to check/)
    expect(scanShell(`echo ${'`'.repeat(10_001)}`).unfinished).not.toBeNull()
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab $()`\'"\\<>|&;{}#\n\t-'.split('')) }),
        (text) => {
          const { unfinished } = scanShell(text)
          if (unfinished)
            expect(unfinished.index + unfinished.length).toBeLessThanOrEqual(text.length)
        },
      ),
      { numRuns: 3_000 },
    )
  })
})

describe('shell scan: the commands a line starts', () => {
  const words = (text: string) => scanShell(text).commands.map((c) => c.words)

  it('splits lists and pipelines into simple commands, quotes removed', () => {
    expect(words('echo "a b" \'c\' d\\ e; ls -l | grep x && id || true &')).toEqual([
      ['echo', 'a b', 'c', 'd e'],
      ['ls', '-l'],
      ['grep', 'x'],
      ['id'],
      ['true'],
    ])
  })

  it('keeps assignments apart from the command word, and skips redirections', () => {
    const [cmd] = scanShell('LANG=C TZ=UTC date -u > out.txt 2>&1').commands
    expect(cmd).toMatchObject({ assignments: ['LANG=C', 'TZ=UTC'], words: ['date', '-u'] })
  })

  it('says when standard input is not the terminal', () => {
    const stdin = (text: string) => scanShell(text).commands.map((c) => c.stdinRedirected)
    expect(stdin('psql < dump.sql')).toEqual([true])
    expect(stdin('curl -s x | bash')).toEqual([false, true])
    expect(stdin('bash <<EOF\nls\nEOF')).toEqual([true])
    expect(stdin('python3 <<<"print(1)"')).toEqual([true])
    expect(stdin('bash 2< err; bash 0< in')).toEqual([false, true])
    expect(stdin('a || bash')).toEqual([false, false])
  })

  it('finds commands inside substitutions, subshells and compound commands', () => {
    const scan = scanShell('x=$(bash); (sudo -s); echo `psql`; if true; then ssh db; fi')
    expect(scan.commands.map((c) => [c.words[0] ?? c.assignments[0], c.subshell])).toEqual([
      ['bash', true],
      ['x=$(bash)', false],
      ['sudo', true],
      ['psql', true],
      ['echo', false],
      ['true', false],
      ['ssh', false],
    ])
  })

  it('does not take a case pattern, a for list or a here-doc body for commands', () => {
    expect(words('case $s in bash) echo b;; esac')).toEqual([['echo', 'b']])
    expect(words('for sh in bash zsh; do echo $sh; done')).toEqual([['echo', '$sh']])
    expect(words('cat <<EOF\nbash -i\nEOF')).toEqual([['cat']])
  })

  it('names the functions a line defines', () => {
    expect(scanShell('f() { :; }; function g { :; }; function h() { :; }').functions).toEqual([
      'f',
      'g',
      'h',
    ])
  })
})
