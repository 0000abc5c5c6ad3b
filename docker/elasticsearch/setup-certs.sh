#!/usr/bin/env bash
# es-setup: the certificate authority and the node certificate of the compose stack, made with
# Elasticsearch's own bin/elasticsearch-certutil. Idempotent and self-repairing: every file is
# checked on every run, a missing one is made again (a new CA also makes a new node certificate),
# and results are moved into place only once complete, so an interrupted run leaves nothing half
# done. Also runs outside a container (the tests run it with the local distribution).
#
#   ES_HOME        Elasticsearch home with bin/elasticsearch-certutil (default /usr/share/elasticsearch)
#   CA_DIR         ca.crt + ca.key: read by this step only (volume es-ca)
#   NODE_DIR       elasticsearch.crt, elasticsearch.key, ca.crt: the node's (volume es-certs)
#   PUBLIC_DIR     ca.crt only: what clients verify the node with (volume ca-cert)
#   CERT_DNS       DNS names of the node certificate, comma-separated (default elasticsearch,localhost)
#   CERT_IP        IP addresses, comma-separated (default 127.0.0.1)
#   NODE_OWNER     uid:gid given the node's files when run as root (default 1000:0, Elasticsearch's)
#   CERT_DAYS      validity of new certificates in days (default 1095)
set -euo pipefail

ES_HOME=${ES_HOME:-/usr/share/elasticsearch}
CA_DIR=${CA_DIR:?set CA_DIR}
NODE_DIR=${NODE_DIR:?set NODE_DIR}
PUBLIC_DIR=${PUBLIC_DIR:?set PUBLIC_DIR}
CERT_DNS=${CERT_DNS:-elasticsearch,localhost}
CERT_IP=${CERT_IP:-127.0.0.1}
NODE_OWNER=${NODE_OWNER:-1000:0}
CERT_DAYS=${CERT_DAYS:-1095}
certutil="$ES_HOME/bin/elasticsearch-certutil"
# Short-lived JVMs start faster with the client compiler and the serial collector.
export CLI_JAVA_OPTS=${CLI_JAVA_OPTS:-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1"}

[ -x "$certutil" ] || { echo "es-setup: $certutil not found (set ES_HOME)" >&2; exit 1; }
command -v unzip >/dev/null || { echo "es-setup: unzip is missing" >&2; exit 1; }
for dir in "$CA_DIR" "$NODE_DIR" "$PUBLIC_DIR"; do
  mkdir -p "$dir"
  [ -w "$dir" ] || { echo "es-setup: cannot write $dir" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The instances file: what the node certificate must cover.
{
  echo "instances:"
  echo "  - name: elasticsearch"
  echo "    dns: [${CERT_DNS}]"
  echo "    ip: [${CERT_IP}]"
} > "$work/instances.yml"

new_ca=false
if [ ! -s "$CA_DIR/ca.crt" ] || [ ! -s "$CA_DIR/ca.key" ]; then
  echo "es-setup: creating the certificate authority"
  "$certutil" ca --silent --pem --days "$CERT_DAYS" --out "$work/ca.zip"
  unzip -q "$work/ca.zip" -d "$work"
  [ -s "$work/ca/ca.crt" ] && [ -s "$work/ca/ca.key" ] || { echo "es-setup: certutil made no CA" >&2; exit 1; }
  chmod 600 "$work/ca/ca.key"
  mv -f "$work/ca/ca.key" "$CA_DIR/ca.key.new"
  mv -f "$work/ca/ca.crt" "$CA_DIR/ca.crt.new"
  mv -f "$CA_DIR/ca.key.new" "$CA_DIR/ca.key"
  mv -f "$CA_DIR/ca.crt.new" "$CA_DIR/ca.crt"
  new_ca=true
fi

# A node certificate is (re)made when a file is missing, the CA changed or the names changed.
if $new_ca || [ ! -s "$NODE_DIR/elasticsearch.crt" ] || [ ! -s "$NODE_DIR/elasticsearch.key" ] \
   || ! cmp -s "$CA_DIR/ca.crt" "$NODE_DIR/ca.crt" || ! cmp -s "$work/instances.yml" "$NODE_DIR/instances.yml"; then
  echo "es-setup: creating the node certificate (dns: $CERT_DNS; ip: $CERT_IP)"
  "$certutil" cert --silent --pem --days "$CERT_DAYS" --in "$work/instances.yml" --out "$work/certs.zip" \
    --ca-cert "$CA_DIR/ca.crt" --ca-key "$CA_DIR/ca.key"
  unzip -q "$work/certs.zip" -d "$work/certs"
  [ -s "$work/certs/elasticsearch/elasticsearch.crt" ] || { echo "es-setup: certutil made no certificate" >&2; exit 1; }
  cp "$CA_DIR/ca.crt" "$work/certs/elasticsearch/ca.crt"
  cp "$work/instances.yml" "$work/certs/elasticsearch/instances.yml"
  for name in elasticsearch.key elasticsearch.crt instances.yml ca.crt; do
    mv -f "$work/certs/elasticsearch/$name" "$NODE_DIR/$name.new"
  done
  for name in elasticsearch.key elasticsearch.crt instances.yml ca.crt; do
    mv -f "$NODE_DIR/$name.new" "$NODE_DIR/$name"
  done
else
  echo "es-setup: certificates present and current"
fi

if ! cmp -s "$CA_DIR/ca.crt" "$PUBLIC_DIR/ca.crt"; then
  cp "$CA_DIR/ca.crt" "$PUBLIC_DIR/ca.crt.new"
  mv -f "$PUBLIC_DIR/ca.crt.new" "$PUBLIC_DIR/ca.crt"
fi

# Modes every run (an earlier version may have left others): the CA key for this step only.
chmod 700 "$CA_DIR"
chmod 600 "$CA_DIR/ca.key"
chmod 644 "$CA_DIR/ca.crt" "$PUBLIC_DIR/ca.crt" "$NODE_DIR/ca.crt" "$NODE_DIR/elasticsearch.crt"
chmod 755 "$PUBLIC_DIR"
chmod 640 "$NODE_DIR/elasticsearch.key"
chmod 750 "$NODE_DIR"
if [ "$(id -u)" = 0 ]; then
  chown -R "$NODE_OWNER" "$NODE_DIR"
fi
echo "es-setup: done"
