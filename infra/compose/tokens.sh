#!/usr/bin/env bash
# Token verification for the compose setup (infra/compose.yaml): the services verify tokens with an
# RSA public key (spring.security.oauth2.resourceserver.jwt.public-key-location); this script makes
# the key pair and mints RS256 tokens signed with its private key, standing in for an identity
# provider. Needs only openssl. The keys stay in infra/compose/keys/ (ignored by git).
#   infra/compose/tokens.sh keys                      make the key pair once (kept if it exists)
#   infra/compose/tokens.sh mint SUB [SCOPE] [SECONDS]  print a token for user SUB (a positive
#                                                       integer), scope e.g. "admin", valid 3600 s
# Use it: curl -H "Authorization: Bearer $(infra/compose/tokens.sh mint 42)" localhost:8080/api/v1/...
set -euo pipefail
keys="$(cd "$(dirname "$0")" && pwd)/keys"
private="$keys/jwt-private.pem"
public="$keys/jwt-public.pem"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

case "${1:-}" in
  keys)
    if [ -f "$private" ] && [ -f "$public" ]; then
      echo "key pair exists: $public" >&2
      exit 0
    fi
    mkdir -p "$keys"
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$private" 2>/dev/null)
    openssl pkey -in "$private" -pubout -out "$public"
    # the services read it as another user (uid 10001) inside their containers
    chmod 644 "$public"
    echo "made $private and $public" >&2
    ;;
  mint)
    sub="${2:?usage: $0 mint SUB [SCOPE] [SECONDS]}"
    scope="${3:-}"
    seconds="${4:-3600}"
    [ -f "$private" ] || { echo "no key pair: run $0 keys first" >&2; exit 1; }
    now=$(date +%s)
    header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
    payload=$(printf '{"iss":"commerce-compose","sub":"%s","scope":"%s","iat":%d,"exp":%d}' \
      "$sub" "$scope" "$now" "$((now + seconds))" | b64url)
    signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$private" -binary | b64url)
    printf '%s.%s.%s\n' "$header" "$payload" "$signature"
    ;;
  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
