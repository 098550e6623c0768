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

  # Fresh keys for the next command (see ../warroom.bash): the start key signs only the
  # command-start mark, the end key its end, the reports and the next prompt; handed to the
  # host through a file only this user can read, numbered by the prompt mark, never printed.
  zmodload zsh/random 2>/dev/null
  __warroom_next_keys() {
    local r
    if (( ${+SRANDOM} )); then
      printf -v __warroom_next_start '%08x%08x%08x%08x' $SRANDOM $SRANDOM $SRANDOM $SRANDOM
      printf -v __warroom_next_end '%08x%08x%08x%08x' $SRANDOM $SRANDOM $SRANDOM $SRANDOM
    else
      r=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
      __warroom_next_start=${r[1,32]}
      __warroom_next_end=${r[33,64]}
    fi
    (( __warroom_seq++ ))
    printf '%s %s\n' $__warroom_next_start $__warroom_next_end 2>/dev/null \
      >|"$__warroom_handoff.$__warroom_seq"
  }

  # What no approved command may change for the next one: the key War Room sends before an
  # approved command clears the line, the bracketed paste its text comes in (inserted as it
  # is, by the builtin widget: no binding, macro or user widget applies to it), and Enter
  # accepts it. Set again at every prompt.
  __warroom_keys() {
    local map
    zle -A .kill-whole-line kill-whole-line 2>/dev/null
    zle -A .accept-line accept-line 2>/dev/null
    for map in emacs viins vicmd; do
      bindkey -M $map '\e[6973~' kill-whole-line 2>/dev/null
      bindkey -M $map '\e[200~' .bracketed-paste 2>/dev/null
      bindkey -M $map '^M' accept-line 2>/dev/null
      bindkey -M $map '^J' accept-line 2>/dev/null
    done
  }

  # What runs around an approved command besides its text: the preexec, precmd and chpwd
  # hooks and the DEBUG trap go back to what the user's own .zshrc set up, so an approved
  # `source` cannot hook a later command; and no history expansion (`!!` in an approved
  # line would run some earlier line). Its options are not local.
  __warroom_precmd_guard() {
    unsetopt local_options
    unsetopt bang_hist
    local changed= name traps
    if [[ ${(j: :)preexec_functions} != ${(j: :)__warroom_user_preexec} ]]; then
      preexec_functions=(${__warroom_user_preexec[@]})
      changed=1
    fi
    if [[ ${(j: :)precmd_functions} != ${(j: :)__warroom_user_precmd} ]]; then
      precmd_functions=(${__warroom_user_precmd[@]})
      changed=1
    fi
    if [[ ${(j: :)chpwd_functions} != ${(j: :)__warroom_user_chpwd} ]]; then
      chpwd_functions=(${__warroom_user_chpwd[@]})
      changed=1
    fi
    for name in ${(k)__warroom_user_hooks}; do
      [[ ${functions[$name]-} == ${__warroom_user_hooks[$name]} ]] && continue
      if [[ -n ${__warroom_user_hooks[$name]} ]]; then
        functions[$name]=${__warroom_user_hooks[$name]}
      else
        unfunction $name 2>/dev/null
      fi
      changed=1
    done
    traps=$(trap)
    if [[ $traps != $__warroom_user_traps ]]; then
      trap - DEBUG ZERR
      eval "$__warroom_user_traps"
      changed=1
    fi
    [[ -n $changed ]] && print -r -- $'\e[2m[war room] restored the shell hooks the last command changed\e[0m'
    return 0
  }

  # Last precmd: context, a clean line (everything typed while the command ran, partial
  # lines and literal-next included: `read -k` reads the terminal in raw mode), the next
  # keys, then the prompt mark (naming the file they are in), and the keys.
  __warroom_precmd_end() {
    emulate -L zsh
    __warroom_report
    local junk got=
    while read -t 0.005 -k 1 -s junk 2>/dev/null; do got+=$junk; done
    if [[ -n $got ]]; then
      print -r -- $'\e[2m[war room] discarded input typed while the command ran\e[0m'
    fi
    __warroom_next_keys
    __warroom_mark "A;seq=$__warroom_seq"
    __warroom_nonce=$__warroom_next_end
    __warroom_start_nonce=$__warroom_next_start
    __warroom_keys
  }

  __warroom_preexec() {
    emulate -L zsh
    printf '\e]6973;%s;C\a' "$__warroom_start_nonce"
  }

  __warroom_seq=0
  __warroom_start_nonce=
  __warroom_keys
  precmd_functions=(__warroom_precmd_start ${precmd_functions[@]} __warroom_precmd_guard
    __warroom_precmd_end)
  preexec_functions=(__warroom_preexec ${preexec_functions[@]})
  # What the user's own startup files set up, which the guard restores at every prompt.
  typeset -ga __warroom_user_preexec=(${preexec_functions[@]})
  typeset -ga __warroom_user_precmd=(${precmd_functions[@]})
  typeset -ga __warroom_user_chpwd=(${chpwd_functions[@]})
  typeset -gA __warroom_user_hooks=()
  for __warroom_item in preexec precmd chpwd periodic zshaddhistory TRAPDEBUG TRAPZERR; do
    __warroom_user_hooks[$__warroom_item]=${functions[$__warroom_item]-}
  done
  unset __warroom_item
  __warroom_user_traps=$(trap)
  typeset -gr __warroom_user_preexec __warroom_user_precmd __warroom_user_chpwd \
    __warroom_user_hooks __warroom_user_traps __warroom_handoff
fi
