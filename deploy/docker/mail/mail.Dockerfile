# A real mail server for the Channels tests, from Debian's packages: Postfix takes mail on 25 (relay for anyone on
# the test network) and 587 (STARTTLS, authenticated), and hands every message for its domains to Dovecot over LMTP;
# Dovecot serves the mailboxes over IMAP (143, STARTTLS). Every address of MAIL_DOMAINS has a mailbox, and every user
# signs in with MAIL_PASSWORD. Test use only.
ARG BASE_IMAGE=support-local/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postfix dovecot-imapd dovecot-lmtpd ssl-cert ca-certificates \
    && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin \
    && groupadd -g 5000 vmail && useradd -u 5000 -g vmail -d /var/mail/vhosts -s /usr/sbin/nologin vmail \
    && mkdir -p /var/mail/vhosts && chown vmail:vmail /var/mail/vhosts
COPY dovecot.conf /etc/dovecot/dovecot.conf
COPY mail-entrypoint.sh /usr/local/bin/mail-entrypoint.sh
EXPOSE 25 587 143
ENTRYPOINT ["mail-entrypoint.sh"]
