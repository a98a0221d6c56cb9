# The ASP.NET Core runtime on Debian, from the .NET installed on this machine: what mcr.microsoft.com/dotnet/aspnet
# gives (dotnet on the PATH, the "app" user as APP_UID, port 8080), for machines that can't pull it.
ARG BASE_IMAGE=support-local/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3 zlib1g libstdc++6 tzdata \
    && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin \
    && echo 'app:x:1654:1654::/home/app:/usr/sbin/nologin' >> /etc/passwd \
    && echo 'app:x:1654:' >> /etc/group \
    && mkdir -p /home/app && chown 1654:1654 /home/app
COPY runtime/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true
