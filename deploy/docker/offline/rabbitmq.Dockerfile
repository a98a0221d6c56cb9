# RabbitMQ from Debian's packages with the management plugin, and the official image's environment contract for the
# first user: RABBITMQ_DEFAULT_USER, RABBITMQ_DEFAULT_PASS (and RABBITMQ_DEFAULT_VHOST). Logs go to stdout.
ARG BASE_IMAGE=support-local/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends rabbitmq-server \
    && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin \
    && echo '[rabbitmq_management].' > /etc/rabbitmq/enabled_plugins \
    && rm -rf /var/lib/rabbitmq/mnesia /var/lib/rabbitmq/.erlang.cookie \
    && chown -R rabbitmq:rabbitmq /etc/rabbitmq /var/lib/rabbitmq /var/log/rabbitmq
COPY rabbitmq-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/lib/rabbitmq/bin:$PATH HOME=/var/lib/rabbitmq RABBITMQ_LOGS=- RABBITMQ_CONFIG_FILE=/etc/rabbitmq/rabbitmq.conf
USER rabbitmq
VOLUME /var/lib/rabbitmq
EXPOSE 5672 15672
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["rabbitmq-server"]
