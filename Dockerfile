# syntax=docker/dockerfile:1
# The Execution Service for Othentic Stack AVSs, one image for both roles:
#   docker build -t avs-execution .
#   docker run --env-file .env -p 4003:4003 -v avs-data:/data avs-execution            # serve (the performer)
#   docker run --env-file .env -p 4002:4002 avs-execution validate                     # the attesters' validation service
# The same image, built without a Docker daemon: ./mvnw -Pimage package (Jib, target/avs-execution-image.tar). The
# entrypoint, user, ports, environment, volume and working directory here and in the pom's "image" profile are the
# same; ImageConfigurationTest checks that they stay so.

ARG JAVA_VERSION=21

FROM maven:3.9-eclipse-temurin-${JAVA_VERSION} AS build
# gcc builds the C kernel for BLS signing into the image (without it, BLS signing runs in Java, about half as fast).
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline -DincludeScope=runtime || true
COPY src ./src
RUN mvn -B -q package -DskipTests dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/libs \
 && mkdir -p /out/app/resources /out/data \
 && cp -r target/classes /out/app/classes && cp -r target/libs /out/app/libs

FROM eclipse-temurin:${JAVA_VERSION}-jre
ARG VERSION=0.1.0-SNAPSHOT
ARG SOURCE=https://github.com/avs-execution/avs-execution
LABEL org.opencontainers.image.title="avs-execution" \
      org.opencontainers.image.description="Execution Service for Othentic Stack AVSs" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE}"
# Dependencies first: they change less often than the classes, so their layer is reused between builds.
COPY --from=build /out/app/libs /app/libs
COPY --from=build /out/app/resources /app/resources
COPY --from=build /out/app/classes /app/classes
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
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-cp", "/app/resources:/app/classes:/app/libs/*", "avs.execution.Main"]
CMD ["serve"]
