// A libpq session for the SQL benchmarks: simple statements, and prepared
// statements run with text parameters, each failure thrown with its message.
#pragma once

#include <libpq-fe.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace sql_bench {

class session {
public:
    explicit session(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn_));
    }
    ~session() { PQfinish(conn_); }
    session(const session&) = delete;
    session& operator=(const session&) = delete;

    void exec(const std::string& sql) {
        PGresult* r = PQexec(conn_, sql.c_str());
        const auto status = PQresultStatus(r);
        const std::string error = PQresultErrorMessage(r);
        PQclear(r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error(sql + ": " + error);
    }
    void prepare(const std::string& name, const std::string& sql) {
        PGresult* r = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        const std::string error = PQresultErrorMessage(r);
        PQclear(r);
        if (!ok) throw std::runtime_error(sql + ": " + error);
    }
    /// Runs a prepared statement; the rows it returned or wrote.
    int run(const std::string& name, const std::vector<std::string>& arguments) {
        std::vector<const char*> values;
        for (const std::string& a : arguments) values.push_back(a.c_str());
        PGresult* r = PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                                     nullptr, 0);
        const auto status = PQresultStatus(r);
        const int rows = status == PGRES_TUPLES_OK ? PQntuples(r) : std::atoi(PQcmdTuples(r));
        const std::string error = PQresultErrorMessage(r);
        PQclear(r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error(name + ": " + error);
        return rows;
    }

private:
    PGconn* conn_;
};

}  // namespace sql_bench
