# War Room shell integration for zsh: ZDOTDIR points here, so zsh reads this file first.
# Hand the user's own startup files back to them.
if [[ -n ${WARROOM_USER_ZDOTDIR-} ]]; then
  ZDOTDIR=$WARROOM_USER_ZDOTDIR
else
  ZDOTDIR=$HOME
fi
[[ -r $ZDOTDIR/.zshenv ]] && . "$ZDOTDIR/.zshenv"
# Read our .zshrc (which loads theirs) next.
__warroom_user_zdotdir=$ZDOTDIR
ZDOTDIR=${WARROOM_INTEGRATION_DIR:-${${(%):-%x}:A:h}}
