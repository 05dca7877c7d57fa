# syntax=docker/dockerfile:1
# The Execution Service for Othentic Stack AVSs, one image for both roles:
#   docker build -t avs-execution .
#   docker run --env-file .env -p 4003:4003 -v avs-data:/data avs-execution            # serve (the performer)
#   docker run --env-file .env -p 4002:4002 avs-execution validate                     # the attesters' validation service
# The same image, built without a Docker daemon: ./mvnw -Pimage package (Jib, target/avs-execution-image.tar). The
# entrypoint, user, ports, environment, volume and working directory here and in the pom's "image" profile are the
# same; ImageConfigurationTest checks that they stay so. Jib runs no command while it builds, so its image has no
# AOT cache (below): the JVM starts without one, about a second later.

# 25 or later: the runtime stage records and uses JDK 25's AOT cache (-XX:AOTCacheOutput, -XX:AOTCache).
ARG JAVA_VERSION=25

FROM maven:3.9-eclipse-temurin-${JAVA_VERSION} AS build
# gcc builds the C kernel for BLS signing into the image (without it, BLS signing runs in Java, about half as fast).
# zip takes the signatures out of signed library jars (below).
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev zip && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline -DincludeScope=runtime || true
COPY src ./src
# The AOT cache keeps no class that comes from a directory or from a signed jar, so the application goes in as its
# jar (target/original-avs-execution.jar: the classes and resources, without the libraries), and the libraries'
# signature files are removed (BouncyCastle's jar is signed; ./avs's shaded jar drops the same files).
RUN mvn -B -q package -DskipTests dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/libs \
 && for jar in target/libs/*.jar; do zip -q -d "$jar" 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/*.EC' > /dev/null 2>&1 || true; done \
 && mkdir -p /out/app /out/data \
 && cp -r target/libs /out/app/libs && cp target/original-avs-execution.jar /out/app/avs-execution.jar

FROM eclipse-temurin:${JAVA_VERSION}-jre
ARG VERSION=0.1.0-SNAPSHOT
ARG SOURCE=https://github.com/avs-execution/avs-execution
LABEL org.opencontainers.image.title="avs-execution" \
      org.opencontainers.image.description="Execution Service for Othentic Stack AVSs" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE}"
# Dependencies first: they change less often than the application, so their layer is reused between builds. The
# application's jar is a layer of its own in the same directory. /app/resources and /app/classes, on the classpath
# below, are where Jib's image (./mvnw -Pimage package) has the application; here they do not exist.
COPY --from=build /out/app/libs /app/libs
COPY --from=build /out/app/avs-execution.jar /app/libs/avs-execution.jar
# JDK 25's AOT cache, recorded here by a short offline devnet (about 10 s) with the entrypoint's JVM options and
# classpath: the service answers its first task about twice as soon after start (docs/benchmarks.md). A JVM that
# finds the cache unusable (another CPU, other options) ignores it and runs the same, only without the head start.
RUN java -XX:AOTCacheOutput=/app/avs-execution.aot --enable-native-access=ALL-UNNAMED -XX:MaxRAMPercentage=75 \
      -cp "/app/resources:/app/classes:/app/libs/*" avs.execution.Main \
      devnet --offline --count 3 --interval-ms 0 --port 0 --aggregator-port 0 --data-dir /tmp/aot-training \
      > /tmp/aot-training.log 2>&1 || { cat /tmp/aot-training.log; exit 1; }; \
    rm -rf /tmp/* && test -s /app/avs-execution.aot
# DATA_DIR (the outbox and the embedded proofs): group 0 may write, so the image runs under any uid in group 0.
COPY --from=build --chown=10001:0 --chmod=775 /out/data /data
ENV BIND_ADDRESS=0.0.0.0 \
    DATA_DIR=/data
VOLUME ["/data"]
WORKDIR /app
USER 10001:0
EXPOSE 4003 4002 9010
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", "/app/resources:/app/classes:/app/libs/*", "avs.execution.Main", "health"]
ENTRYPOINT ["java", "-XX:AOTCache=/app/avs-execution.aot", "-Xlog:aot=off", "-Xlog:cds=off", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-cp", "/app/resources:/app/classes:/app/libs/*", "avs.execution.Main"]
CMD ["serve"]
