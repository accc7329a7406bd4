// What an application header includes to declare dimensions. It pulls in no
// reflection and no generator machinery, so that it stays cheap to include.
#pragma once

#include <pgcraft/column.hpp>
#include <pgcraft/dimension.hpp>
#include <pgcraft/fixed_string.hpp>
#include <pgcraft/schema.hpp>
#include <pgcraft/sql_type.hpp>
#include <pgcraft/types.hpp>
