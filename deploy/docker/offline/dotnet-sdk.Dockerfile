# The .NET SDK on Debian, from the one installed on this machine, trusting this machine's certificate authorities
# (its package feed is reached through them): what mcr.microsoft.com/dotnet/sdk gives, for machines that can't pull it.
ARG BASE_IMAGE=support-local/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libicu72 libssl3 zlib1g libstdc++6 tzdata \
    && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
COPY ca-certificates/ /usr/local/share/ca-certificates/
COPY sdk/ /usr/share/dotnet/
RUN update-ca-certificates >/dev/null && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NUGET_CERT_REVOCATION_MODE=offline
