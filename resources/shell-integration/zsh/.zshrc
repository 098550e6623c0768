# War Room shell integration for zsh: loads the user's .zshrc, then marks each prompt and
# command with OSC 6973 sequences carrying this shell's nonce, reports the context, and
# discards input typed while the last command ran (see ../warroom.bash).
ZDOTDIR=$__warroom_user_zdotdir
unset __warroom_user_zdotdir WARROOM_USER_ZDOTDIR WARROOM_INTEGRATION_DIR
[[ -r $ZDOTDIR/.zshrc ]] && . "$ZDOTDIR/.zshrc"

if [[ -z ${__warroom_installed-} && -n ${__warroom_nonce-} ]]; then
  __warroom_installed=1

  __warroom_mark() {
    printf '\e]6973;%s;%s\a' "$__warroom_nonce" "$1"
  }

  __warroom_esc() {
    local value=$1 out= char
    if [[ $value != *[\\\;[:cntrl:]]* ]]; then
      print -rn -- "$value"
      return
    fi
    for char in ${(s::)value}; do
      case $char in
        \\ | \; | [[:cntrl:]]) out+=$(printf '\\x%02x' "'$char") ;;
        *) out+=$char ;;
      esac
    done
    print -rn -- "$out"
  }

  __warroom_report() {
    local kube_context= kube_ns=
    if (( $+commands[kubectl] )); then
      kube_context=$(kubectl config current-context 2>/dev/null)
      kube_ns=$(kubectl config view --minify --output 'jsonpath={..namespace}' 2>/dev/null)
    fi
    local alias_names=${(j:,:)${(k)aliases}}
    local function_names=${(j:,:)${(k)functions:#__warroom*}}
    __warroom_mark "ctx;cwd=$(__warroom_esc "$PWD");user=$(__warroom_esc "${USER:-$(id -un)}");host=$(__warroom_esc "${HOST:-$(hostname)}");kube=$(__warroom_esc "$kube_context");ns=$(__warroom_esc "$kube_ns");path=$(__warroom_esc "$PATH")"
    __warroom_mark "names;alias=$(__warroom_esc "$alias_names");function=$(__warroom_esc "$function_names")"
  }

  # First precmd: the command's exit code, before anything else runs.
  __warroom_precmd_start() {
    local code=$?
    emulate -L zsh
    __warroom_mark "D;$code"
    return $code
  }

  # A fresh nonce for the next command: one seen in some output is stale by the next prompt.
  zmodload zsh/random 2>/dev/null
  __warroom_next_nonce() {
    if (( ${+SRANDOM} )); then
      __warroom_next=$(printf '%08x%08x%08x%08x' $SRANDOM $SRANDOM $SRANDOM $SRANDOM)
    else
      __warroom_next=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    fi
  }

  # What no approved command may change for the next one: the key War Room sends before an
  # approved command clears the line, and Enter accepts it. Set again at every prompt.
  __warroom_keys() {
    local map
    zle -A .kill-whole-line kill-whole-line 2>/dev/null
    zle -A .accept-line accept-line 2>/dev/null
    for map in emacs viins vicmd; do
      bindkey -M $map '\e[6973~' kill-whole-line 2>/dev/null
      bindkey -M $map '^M' accept-line 2>/dev/null
      bindkey -M $map '^J' accept-line 2>/dev/null
    done
  }

  # Last precmd: context, a clean line (everything typed while the command ran, partial
  # lines and literal-next included: `read -k` reads the terminal in raw mode), the keys,
  # then the prompt mark (which hands the host the next nonce).
  __warroom_precmd_end() {
    emulate -L zsh
    __warroom_report
    local junk got=
    while read -t 0.005 -k 1 -s junk 2>/dev/null; do got+=$junk; done
    if [[ -n $got ]]; then
      print -r -- $'\e[2m[war room] discarded input typed while the command ran\e[0m'
    fi
    __warroom_next_nonce
    __warroom_mark "A;next=$__warroom_next"
    __warroom_nonce=$__warroom_next
    __warroom_keys
  }

  __warroom_preexec() {
    emulate -L zsh
    __warroom_mark C
  }

  __warroom_keys
  precmd_functions=(__warroom_precmd_start ${precmd_functions[@]} __warroom_precmd_end)
  preexec_functions=(__warroom_preexec ${preexec_functions[@]})
fi
