# Sourced by the benchmarks that start our service against bench/side-by-side/upstreams.cjs: sets the array
# service_env to the environment of a performer on its defaults with Pinata keys set (so every proof is pinned, as
# the reference pins it), the stand-ins as Binance, Pinata and the node, and the node API off.
# Usage: service_env_for PORT DATA_DIR UPSTREAMS_PORT
service_key=0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318
service_address=0x2c7536E3605D9C16a7a3D7b1898e529396a65c23
service_env_for() {
  service_env=(PORT="$1" DATA_DIR="$2" NODE_API_PORT=off PRIVATE_KEY_PERFORMER=$service_key
    ORACLE_BASE_URL="http://127.0.0.1:$3/api/v3/" OTHENTIC_CLIENT_RPC_ADDRESS="http://127.0.0.1:$3/"
    PINATA_API_URL="http://127.0.0.1:$3" PINATA_API_KEY=standin-key PINATA_SECRET_API_KEY=standin-secret
    PINATA_GATEWAY="http://127.0.0.1:$3/ipfs/")
}
