# PostgreSQL 15 server binaries: the test setup starts a throwaway cluster as the postgres user.
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  apt-get install -y -qq postgresql-15 >/dev/null
fi
