# Finds a JDK >= 21 for Sirsi's scripts (sirsi, mvnw, .ci/run), which source this file.
# Order: JAVA_HOME, then `java` on the PATH, then the newest JDK in the system's JVM folders.
# On success it exports JAVA_HOME; on failure it says what it needs and returns 1.

SIRSI_MIN_JAVA=21

sirsi_java_version() {
  # Prints the full version of the JDK at $1 from its release file (IMPLEMENTOR and JAVA_RUNTIME_VERSION), without forks.
  rv="" impl=""
  if [ -f "$1/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_RUNTIME_VERSION=*) rv=${line#JAVA_RUNTIME_VERSION=}; rv=${rv//\"/} ;;
        IMPLEMENTOR=*) impl=${line#IMPLEMENTOR=}; impl=${impl//\"/} ;;
      esac
    done <"$1/release"
  fi
  printf '%s\n' "${impl:-jdk}-${rv:-unknown}"
}

sirsi_java_major() {
  # Prints the feature version of the JDK at $1, or nothing if $1 is not a JDK.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  v=""
  if [ -f "$1/release" ]; then
    # Read with the shell's own builtins: this runs on every launch, and forks cost time.
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=*) v=${line#JAVA_VERSION=}; v=${v#\"}; v=${v%%\"*}; break ;;
      esac
    done <"$1/release"
  fi
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$v" in
    1.*) v=${v#1.}; echo "${v%%.*}" ;;
    *) v=${v%%.*}; v=${v%%-*}; echo "${v%%+*}" ;;
  esac
}

sirsi_find_jdk() {
  tried=""
  if [ -n "${JAVA_HOME:-}" ]; then
    m=$(sirsi_java_major "$JAVA_HOME")
    if [ -n "$m" ] && [ "$m" -ge "$SIRSI_MIN_JAVA" ]; then export JAVA_HOME; return 0; fi
    tried="$tried\n  JAVA_HOME=$JAVA_HOME (${m:-not a JDK})"
  fi
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    m=$(sirsi_java_major "$home")
    if [ -n "$m" ] && [ "$m" -ge "$SIRSI_MIN_JAVA" ]; then export JAVA_HOME="$home"; return 0; fi
    tried="$tried\n  java on the PATH: $home (${m:-no javac beside it})"
  fi
  best="" bestm=0
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$home" ] || continue
    m=$(sirsi_java_major "$home")
    [ -n "$m" ] || continue
    tried="$tried\n  $home ($m)"
    if [ "$m" -ge "$SIRSI_MIN_JAVA" ] && [ "$m" -gt "$bestm" ]; then best=$home bestm=$m; fi
  done
  if [ -n "$best" ]; then export JAVA_HOME="$best"; return 0; fi
  printf 'Sirsi needs a JDK %s or newer (java and javac), and found none.\nLooked at:%b\nInstall one (for example `apt-get install openjdk-21-jdk-headless`, or Temurin 21+) or set JAVA_HOME to it.\n' \
    "$SIRSI_MIN_JAVA" "${tried:-\n  nothing: no JAVA_HOME, no java on the PATH, no JDK in /usr/lib/jvm}" >&2
  return 1
}
