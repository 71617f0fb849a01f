# A small image of infractl: the binary alone on Debian slim.
#
#   docker build -t infractl .
#   docker run --rm -v "$PWD:/work" infractl validate inventories/
#
# The builder runs scripts/install, the same release build as a local install (the Swift standard
# library linked in statically), so the runtime stage needs no Swift: only the C and C++ runtime
# libraries Debian slim already has. Builder and runtime are the same Debian release, so the binary
# finds the glibc it was linked against.
ARG SWIFT_VERSION=6.3
ARG DEBIAN_RELEASE=bookworm

FROM swift:${SWIFT_VERSION}-${DEBIAN_RELEASE} AS build
WORKDIR /src
COPY . .
RUN scripts/install /opt/infractl

FROM debian:${DEBIAN_RELEASE}-slim
COPY --from=build /opt/infractl/ /usr/local/
RUN useradd --create-home --uid 10001 infractl
USER infractl
WORKDIR /work
ENTRYPOINT ["infractl"]
CMD ["--help"]
