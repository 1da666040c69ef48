#!/usr/bin/env bash
# Builds JWT Guard and starts its orders example on Open Liberty, in the foreground (Ctrl+C stops it).
# Needs Java 17+ and Maven 3.8+. The app prints its URL and a curl example once it is up.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp install -DskipTests -pl examples/orders-app -am
echo "Starting Open Liberty; the orders example will be at http://127.0.0.1:9080/orders/"
exec mvn -B -ntp -pl examples/orders-app liberty:run
