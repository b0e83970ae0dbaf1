#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its ICU headers clash with the ICU that Swift's Foundation
// bundles. VanBan never uses libxml2's ICU encoders, so keep those declarations out.
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
