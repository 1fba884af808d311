# Sourced by ./nudge and .ci/run: exports JAVA_HOME as a JDK of version 21 or newer.
# Order: $JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/*. Says what to install when none is found.
nudge_jdk_version() { # prints the feature version of the JDK at $1, or nothing
  [[ -x $1/bin/java && -x $1/bin/javac ]] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
nudge_find_jdk() {
  local candidates=() c v
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d $c ]] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    v=$(nudge_jdk_version "$c")
    if [[ -n $v && ${v%%.*} -ge 21 ]]; then
      echo "$c"; return 0
    fi
  done
  return 1
}
if ! JAVA_HOME=$(nudge_find_jdk); then
  cat >&2 <<'MSG'
nudge: no JDK 21 or newer found (looked at $JAVA_HOME, java on PATH, /usr/lib/jvm).
Install one, for example Temurin 21 or 25 (https://adoptium.net) or `apt-get install openjdk-21-jdk`,
then set JAVA_HOME to it.
MSG
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
