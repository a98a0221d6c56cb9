#!/bin/bash
# Configures Postfix for MAIL_DOMAINS (default support.test example.com), starts Dovecot, and runs Postfix in the foreground.
set -euo pipefail
: "${MAIL_PASSWORD:=secret}" "${MAIL_DOMAINS:=support.test example.com}"
export MAIL_PASSWORD
postconf -e "myhostname=mail.support.test" "mydestination=" "inet_interfaces=all" "inet_protocols=ipv4" \
    "mynetworks=0.0.0.0/0" "smtpd_relay_restrictions=permit_mynetworks,permit_sasl_authenticated,reject_unauth_destination" \
    "virtual_mailbox_domains=${MAIL_DOMAINS// /, }" "virtual_transport=lmtp:inet:127.0.0.1:24" \
    "smtpd_sasl_type=dovecot" "smtpd_sasl_path=inet:127.0.0.1:12345" "smtpd_sasl_auth_enable=yes" \
    "smtpd_tls_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem" "smtpd_tls_key_file=/etc/ssl/private/ssl-cert-snakeoil.key" \
    "smtpd_tls_security_level=may" "maillog_file=/dev/stdout" "message_size_limit=26214400" "compatibility_level=3.6"
postconf -M "submission/inet=submission inet n - y - - smtpd -o smtpd_tls_security_level=encrypt -o smtpd_sasl_auth_enable=yes -o smtpd_client_restrictions=permit_sasl_authenticated,reject"
dovecot
exec postfix start-fg
