import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  hashFiles,
  require_semver,
  require_util
} from "./chunk-M46RQJ22.js";
import {
  HttpClient,
  __commonJS,
  __require,
  __toESM,
  debug,
  exec,
  info,
  isDebug,
  mkdirP,
  require_assert,
  require_child_process,
  require_crypto,
  require_fs,
  require_node_crypto,
  require_node_fs,
  require_node_os,
  require_node_path,
  require_node_url,
  require_os,
  require_path,
  require_stream,
  rmRF,
  which
} from "./chunk-XM6D3CJ7.js";

// builtin:node:child_process
var require_node_child_process = __commonJS({
  "builtin:node:child_process"(exports, module) {
    module.exports = __require("node:child_process");
  }
});

// node_modules/xmlchars/xml/1.0/ed5.js
var require_ed5 = __commonJS({
  "node_modules/xmlchars/xml/1.0/ed5.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CHAR = "	\n\r -\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}";
    exports.S = " 	\r\n";
    exports.NAME_START_CHAR = ":A-Z_a-z\xC0-\xD6\xD8-\xF6\xF8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}";
    exports.NAME_CHAR = "-" + exports.NAME_START_CHAR + ".0-9\xB7\u0300-\u036F\u203F-\u2040";
    exports.CHAR_RE = new RegExp("^[" + exports.CHAR + "]$", "u");
    exports.S_RE = new RegExp("^[" + exports.S + "]+$", "u");
    exports.NAME_START_CHAR_RE = new RegExp("^[" + exports.NAME_START_CHAR + "]$", "u");
    exports.NAME_CHAR_RE = new RegExp("^[" + exports.NAME_CHAR + "]$", "u");
    exports.NAME_RE = new RegExp("^[" + exports.NAME_START_CHAR + "][" + exports.NAME_CHAR + "]*$", "u");
    exports.NMTOKEN_RE = new RegExp("^[" + exports.NAME_CHAR + "]+$", "u");
    var TAB = 9;
    var NL = 10;
    var CR = 13;
    var SPACE = 32;
    exports.S_LIST = [SPACE, NL, CR, TAB];
    function isChar(c) {
      return c >= SPACE && c <= 55295 || c === NL || c === CR || c === TAB || c >= 57344 && c <= 65533 || c >= 65536 && c <= 1114111;
    }
    exports.isChar = isChar;
    function isS(c) {
      return c === SPACE || c === NL || c === CR || c === TAB;
    }
    exports.isS = isS;
    function isNameStartChar(c) {
      return c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 58 || c === 95 || c === 8204 || c === 8205 || c >= 192 && c <= 214 || c >= 216 && c <= 246 || c >= 248 && c <= 767 || c >= 880 && c <= 893 || c >= 895 && c <= 8191 || c >= 8304 && c <= 8591 || c >= 11264 && c <= 12271 || c >= 12289 && c <= 55295 || c >= 63744 && c <= 64975 || c >= 65008 && c <= 65533 || c >= 65536 && c <= 983039;
    }
    exports.isNameStartChar = isNameStartChar;
    function isNameChar(c) {
      return isNameStartChar(c) || c >= 48 && c <= 57 || c === 45 || c === 46 || c === 183 || c >= 768 && c <= 879 || c >= 8255 && c <= 8256;
    }
    exports.isNameChar = isNameChar;
  }
});

// node_modules/xmlchars/xml/1.1/ed2.js
var require_ed2 = __commonJS({
  "node_modules/xmlchars/xml/1.1/ed2.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CHAR = "-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}";
    exports.RESTRICTED_CHAR = "-\b\v\f-\x7F-\x84\x86-\x9F";
    exports.S = " 	\r\n";
    exports.NAME_START_CHAR = ":A-Z_a-z\xC0-\xD6\xD8-\xF6\xF8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}";
    exports.NAME_CHAR = "-" + exports.NAME_START_CHAR + ".0-9\xB7\u0300-\u036F\u203F-\u2040";
    exports.CHAR_RE = new RegExp("^[" + exports.CHAR + "]$", "u");
    exports.RESTRICTED_CHAR_RE = new RegExp("^[" + exports.RESTRICTED_CHAR + "]$", "u");
    exports.S_RE = new RegExp("^[" + exports.S + "]+$", "u");
    exports.NAME_START_CHAR_RE = new RegExp("^[" + exports.NAME_START_CHAR + "]$", "u");
    exports.NAME_CHAR_RE = new RegExp("^[" + exports.NAME_CHAR + "]$", "u");
    exports.NAME_RE = new RegExp("^[" + exports.NAME_START_CHAR + "][" + exports.NAME_CHAR + "]*$", "u");
    exports.NMTOKEN_RE = new RegExp("^[" + exports.NAME_CHAR + "]+$", "u");
    var TAB = 9;
    var NL = 10;
    var CR = 13;
    var SPACE = 32;
    exports.S_LIST = [SPACE, NL, CR, TAB];
    function isChar(c) {
      return c >= 1 && c <= 55295 || c >= 57344 && c <= 65533 || c >= 65536 && c <= 1114111;
    }
    exports.isChar = isChar;
    function isRestrictedChar(c) {
      return c >= 1 && c <= 8 || c === 11 || c === 12 || c >= 14 && c <= 31 || c >= 127 && c <= 132 || c >= 134 && c <= 159;
    }
    exports.isRestrictedChar = isRestrictedChar;
    function isCharAndNotRestricted(c) {
      return c === 9 || c === 10 || c === 13 || c > 31 && c < 127 || c === 133 || c > 159 && c <= 55295 || c >= 57344 && c <= 65533 || c >= 65536 && c <= 1114111;
    }
    exports.isCharAndNotRestricted = isCharAndNotRestricted;
    function isS(c) {
      return c === SPACE || c === NL || c === CR || c === TAB;
    }
    exports.isS = isS;
    function isNameStartChar(c) {
      return c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 58 || c === 95 || c === 8204 || c === 8205 || c >= 192 && c <= 214 || c >= 216 && c <= 246 || c >= 248 && c <= 767 || c >= 880 && c <= 893 || c >= 895 && c <= 8191 || c >= 8304 && c <= 8591 || c >= 11264 && c <= 12271 || c >= 12289 && c <= 55295 || c >= 63744 && c <= 64975 || c >= 65008 && c <= 65533 || c >= 65536 && c <= 983039;
    }
    exports.isNameStartChar = isNameStartChar;
    function isNameChar(c) {
      return isNameStartChar(c) || c >= 48 && c <= 57 || c === 45 || c === 46 || c === 183 || c >= 768 && c <= 879 || c >= 8255 && c <= 8256;
    }
    exports.isNameChar = isNameChar;
  }
});

// node_modules/xmlchars/xmlns/1.0/ed3.js
var require_ed3 = __commonJS({
  "node_modules/xmlchars/xmlns/1.0/ed3.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.NC_NAME_START_CHAR = "A-Z_a-z\xC0-\xD6\xD8-\xF6\xF8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}";
    exports.NC_NAME_CHAR = "-" + exports.NC_NAME_START_CHAR + ".0-9\xB7\u0300-\u036F\u203F-\u2040";
    exports.NC_NAME_START_CHAR_RE = new RegExp("^[" + exports.NC_NAME_START_CHAR + "]$", "u");
    exports.NC_NAME_CHAR_RE = new RegExp("^[" + exports.NC_NAME_CHAR + "]$", "u");
    exports.NC_NAME_RE = new RegExp("^[" + exports.NC_NAME_START_CHAR + "][" + exports.NC_NAME_CHAR + "]*$", "u");
    function isNCNameStartChar(c) {
      return c >= 65 && c <= 90 || c === 95 || c >= 97 && c <= 122 || c >= 192 && c <= 214 || c >= 216 && c <= 246 || c >= 248 && c <= 767 || c >= 880 && c <= 893 || c >= 895 && c <= 8191 || c >= 8204 && c <= 8205 || c >= 8304 && c <= 8591 || c >= 11264 && c <= 12271 || c >= 12289 && c <= 55295 || c >= 63744 && c <= 64975 || c >= 65008 && c <= 65533 || c >= 65536 && c <= 983039;
    }
    exports.isNCNameStartChar = isNCNameStartChar;
    function isNCNameChar(c) {
      return isNCNameStartChar(c) || (c === 45 || c === 46 || c >= 48 && c <= 57 || c === 183 || c >= 768 && c <= 879 || c >= 8255 && c <= 8256);
    }
    exports.isNCNameChar = isNCNameChar;
  }
});

// node_modules/saxes/saxes.js
var require_saxes = __commonJS({
  "node_modules/saxes/saxes.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.SaxesParser = exports.EVENTS = void 0;
    var ed5 = require_ed5();
    var ed2 = require_ed2();
    var NSed3 = require_ed3();
    var isS = ed5.isS;
    var isChar10 = ed5.isChar;
    var isNameStartChar = ed5.isNameStartChar;
    var isNameChar = ed5.isNameChar;
    var S_LIST = ed5.S_LIST;
    var NAME_RE = ed5.NAME_RE;
    var isChar11 = ed2.isChar;
    var isNCNameStartChar = NSed3.isNCNameStartChar;
    var isNCNameChar = NSed3.isNCNameChar;
    var NC_NAME_RE = NSed3.NC_NAME_RE;
    var XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
    var XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";
    var rootNS = {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment
      __proto__: null,
      xml: XML_NAMESPACE,
      xmlns: XMLNS_NAMESPACE
    };
    var XML_ENTITIES = {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment
      __proto__: null,
      amp: "&",
      gt: ">",
      lt: "<",
      quot: '"',
      apos: "'"
    };
    var EOC = -1;
    var NL_LIKE = -2;
    var S_BEGIN = 0;
    var S_BEGIN_WHITESPACE = 1;
    var S_DOCTYPE = 2;
    var S_DOCTYPE_QUOTE = 3;
    var S_DTD = 4;
    var S_DTD_QUOTED = 5;
    var S_DTD_OPEN_WAKA = 6;
    var S_DTD_OPEN_WAKA_BANG = 7;
    var S_DTD_COMMENT = 8;
    var S_DTD_COMMENT_ENDING = 9;
    var S_DTD_COMMENT_ENDED = 10;
    var S_DTD_PI = 11;
    var S_DTD_PI_ENDING = 12;
    var S_TEXT = 13;
    var S_ENTITY = 14;
    var S_OPEN_WAKA = 15;
    var S_OPEN_WAKA_BANG = 16;
    var S_COMMENT = 17;
    var S_COMMENT_ENDING = 18;
    var S_COMMENT_ENDED = 19;
    var S_CDATA = 20;
    var S_CDATA_ENDING = 21;
    var S_CDATA_ENDING_2 = 22;
    var S_PI_FIRST_CHAR = 23;
    var S_PI_REST = 24;
    var S_PI_BODY = 25;
    var S_PI_ENDING = 26;
    var S_XML_DECL_NAME_START = 27;
    var S_XML_DECL_NAME = 28;
    var S_XML_DECL_EQ = 29;
    var S_XML_DECL_VALUE_START = 30;
    var S_XML_DECL_VALUE = 31;
    var S_XML_DECL_SEPARATOR = 32;
    var S_XML_DECL_ENDING = 33;
    var S_OPEN_TAG = 34;
    var S_OPEN_TAG_SLASH = 35;
    var S_ATTRIB = 36;
    var S_ATTRIB_NAME = 37;
    var S_ATTRIB_NAME_SAW_WHITE = 38;
    var S_ATTRIB_VALUE = 39;
    var S_ATTRIB_VALUE_QUOTED = 40;
    var S_ATTRIB_VALUE_CLOSED = 41;
    var S_ATTRIB_VALUE_UNQUOTED = 42;
    var S_CLOSE_TAG = 43;
    var S_CLOSE_TAG_SAW_WHITE = 44;
    var TAB = 9;
    var NL = 10;
    var CR = 13;
    var SPACE = 32;
    var BANG = 33;
    var DQUOTE = 34;
    var AMP = 38;
    var SQUOTE = 39;
    var MINUS = 45;
    var FORWARD_SLASH = 47;
    var SEMICOLON = 59;
    var LESS = 60;
    var EQUAL = 61;
    var GREATER = 62;
    var QUESTION = 63;
    var OPEN_BRACKET = 91;
    var CLOSE_BRACKET = 93;
    var NEL = 133;
    var LS = 8232;
    var isQuote = (c) => c === DQUOTE || c === SQUOTE;
    var QUOTES = [DQUOTE, SQUOTE];
    var DOCTYPE_TERMINATOR = [...QUOTES, OPEN_BRACKET, GREATER];
    var DTD_TERMINATOR = [...QUOTES, LESS, CLOSE_BRACKET];
    var XML_DECL_NAME_TERMINATOR = [EQUAL, QUESTION, ...S_LIST];
    var ATTRIB_VALUE_UNQUOTED_TERMINATOR = [...S_LIST, GREATER, AMP, LESS];
    function nsPairCheck(parser, prefix, uri) {
      switch (prefix) {
        case "xml":
          if (uri !== XML_NAMESPACE) {
            parser.fail(`xml prefix must be bound to ${XML_NAMESPACE}.`);
          }
          break;
        case "xmlns":
          if (uri !== XMLNS_NAMESPACE) {
            parser.fail(`xmlns prefix must be bound to ${XMLNS_NAMESPACE}.`);
          }
          break;
        default:
      }
      switch (uri) {
        case XMLNS_NAMESPACE:
          parser.fail(prefix === "" ? `the default namespace may not be set to ${uri}.` : `may not assign a prefix (even "xmlns") to the URI ${XMLNS_NAMESPACE}.`);
          break;
        case XML_NAMESPACE:
          switch (prefix) {
            case "xml":
              break;
            case "":
              parser.fail(`the default namespace may not be set to ${uri}.`);
              break;
            default:
              parser.fail("may not assign the xml namespace to another prefix.");
          }
          break;
        default:
      }
    }
    function nsMappingCheck(parser, mapping) {
      for (const local of Object.keys(mapping)) {
        nsPairCheck(parser, local, mapping[local]);
      }
    }
    var isNCName = (name) => NC_NAME_RE.test(name);
    var isName = (name) => NAME_RE.test(name);
    var FORBIDDEN_START = 0;
    var FORBIDDEN_BRACKET = 1;
    var FORBIDDEN_BRACKET_BRACKET = 2;
    exports.EVENTS = [
      "xmldecl",
      "text",
      "processinginstruction",
      "doctype",
      "comment",
      "opentagstart",
      "attribute",
      "opentag",
      "closetag",
      "cdata",
      "error",
      "end",
      "ready"
    ];
    var EVENT_NAME_TO_HANDLER_NAME = {
      xmldecl: "xmldeclHandler",
      text: "textHandler",
      processinginstruction: "piHandler",
      doctype: "doctypeHandler",
      comment: "commentHandler",
      opentagstart: "openTagStartHandler",
      attribute: "attributeHandler",
      opentag: "openTagHandler",
      closetag: "closeTagHandler",
      cdata: "cdataHandler",
      error: "errorHandler",
      end: "endHandler",
      ready: "readyHandler"
    };
    var SaxesParser3 = class {
      /**
       * @param opt The parser options.
       */
      constructor(opt) {
        this.opt = opt !== null && opt !== void 0 ? opt : {};
        this.fragmentOpt = !!this.opt.fragment;
        const xmlnsOpt = this.xmlnsOpt = !!this.opt.xmlns;
        this.trackPosition = this.opt.position !== false;
        this.fileName = this.opt.fileName;
        if (xmlnsOpt) {
          this.nameStartCheck = isNCNameStartChar;
          this.nameCheck = isNCNameChar;
          this.isName = isNCName;
          this.processAttribs = this.processAttribsNS;
          this.pushAttrib = this.pushAttribNS;
          this.ns = Object.assign({ __proto__: null }, rootNS);
          const additional = this.opt.additionalNamespaces;
          if (additional != null) {
            nsMappingCheck(this, additional);
            Object.assign(this.ns, additional);
          }
        } else {
          this.nameStartCheck = isNameStartChar;
          this.nameCheck = isNameChar;
          this.isName = isName;
          this.processAttribs = this.processAttribsPlain;
          this.pushAttrib = this.pushAttribPlain;
        }
        this.stateTable = [
          /* eslint-disable @typescript-eslint/unbound-method */
          this.sBegin,
          this.sBeginWhitespace,
          this.sDoctype,
          this.sDoctypeQuote,
          this.sDTD,
          this.sDTDQuoted,
          this.sDTDOpenWaka,
          this.sDTDOpenWakaBang,
          this.sDTDComment,
          this.sDTDCommentEnding,
          this.sDTDCommentEnded,
          this.sDTDPI,
          this.sDTDPIEnding,
          this.sText,
          this.sEntity,
          this.sOpenWaka,
          this.sOpenWakaBang,
          this.sComment,
          this.sCommentEnding,
          this.sCommentEnded,
          this.sCData,
          this.sCDataEnding,
          this.sCDataEnding2,
          this.sPIFirstChar,
          this.sPIRest,
          this.sPIBody,
          this.sPIEnding,
          this.sXMLDeclNameStart,
          this.sXMLDeclName,
          this.sXMLDeclEq,
          this.sXMLDeclValueStart,
          this.sXMLDeclValue,
          this.sXMLDeclSeparator,
          this.sXMLDeclEnding,
          this.sOpenTag,
          this.sOpenTagSlash,
          this.sAttrib,
          this.sAttribName,
          this.sAttribNameSawWhite,
          this.sAttribValue,
          this.sAttribValueQuoted,
          this.sAttribValueClosed,
          this.sAttribValueUnquoted,
          this.sCloseTag,
          this.sCloseTagSawWhite
          /* eslint-enable @typescript-eslint/unbound-method */
        ];
        this._init();
      }
      /**
       * Indicates whether or not the parser is closed. If ``true``, wait for
       * the ``ready`` event to write again.
       */
      get closed() {
        return this._closed;
      }
      _init() {
        var _a;
        this.openWakaBang = "";
        this.text = "";
        this.name = "";
        this.piTarget = "";
        this.entity = "";
        this.q = null;
        this.tags = [];
        this.tag = null;
        this.topNS = null;
        this.chunk = "";
        this.chunkPosition = 0;
        this.i = 0;
        this.prevI = 0;
        this.carriedFromPrevious = void 0;
        this.forbiddenState = FORBIDDEN_START;
        this.attribList = [];
        const { fragmentOpt } = this;
        this.state = fragmentOpt ? S_TEXT : S_BEGIN;
        this.reportedTextBeforeRoot = this.reportedTextAfterRoot = this.closedRoot = this.sawRoot = fragmentOpt;
        this.xmlDeclPossible = !fragmentOpt;
        this.xmlDeclExpects = ["version"];
        this.entityReturnState = void 0;
        let { defaultXMLVersion } = this.opt;
        if (defaultXMLVersion === void 0) {
          if (this.opt.forceXMLVersion === true) {
            throw new Error("forceXMLVersion set but defaultXMLVersion is not set");
          }
          defaultXMLVersion = "1.0";
        }
        this.setXMLVersion(defaultXMLVersion);
        this.positionAtNewLine = 0;
        this.doctype = false;
        this._closed = false;
        this.xmlDecl = {
          version: void 0,
          encoding: void 0,
          standalone: void 0
        };
        this.line = 1;
        this.column = 0;
        this.ENTITIES = Object.create(XML_ENTITIES);
        (_a = this.readyHandler) === null || _a === void 0 ? void 0 : _a.call(this);
      }
      /**
       * The stream position the parser is currently looking at. This field is
       * zero-based.
       *
       * This field is not based on counting Unicode characters but is to be
       * interpreted as a plain index into a JavaScript string.
       */
      get position() {
        return this.chunkPosition + this.i;
      }
      /**
       * The column number of the next character to be read by the parser.  *
       * This field is zero-based. (The first column in a line is 0.)
       *
       * This field reports the index at which the next character would be in the
       * line if the line were represented as a JavaScript string.  Note that this
       * *can* be different to a count based on the number of *Unicode characters*
       * due to how JavaScript handles astral plane characters.
       *
       * See [[column]] for a number that corresponds to a count of Unicode
       * characters.
       */
      get columnIndex() {
        return this.position - this.positionAtNewLine;
      }
      /**
       * Set an event listener on an event. The parser supports one handler per
       * event type. If you try to set an event handler over an existing handler,
       * the old handler is silently overwritten.
       *
       * @param name The event to listen to.
       *
       * @param handler The handler to set.
       */
      on(name, handler) {
        this[EVENT_NAME_TO_HANDLER_NAME[name]] = handler;
      }
      /**
       * Unset an event handler.
       *
       * @parma name The event to stop listening to.
       */
      off(name) {
        this[EVENT_NAME_TO_HANDLER_NAME[name]] = void 0;
      }
      /**
       * Make an error object. The error object will have a message that contains
       * the ``fileName`` option passed at the creation of the parser. If position
       * tracking was turned on, it will also have line and column number
       * information.
       *
       * @param message The message describing the error to report.
       *
       * @returns An error object with a properly formatted message.
       */
      makeError(message) {
        var _a;
        let msg = (_a = this.fileName) !== null && _a !== void 0 ? _a : "";
        if (this.trackPosition) {
          if (msg.length > 0) {
            msg += ":";
          }
          msg += `${this.line}:${this.column}`;
        }
        if (msg.length > 0) {
          msg += ": ";
        }
        return new Error(msg + message);
      }
      /**
       * Report a parsing error. This method is made public so that client code may
       * check for issues that are outside the scope of this project and can report
       * errors.
       *
       * @param message The error to report.
       *
       * @returns this
       */
      fail(message) {
        const err = this.makeError(message);
        const handler = this.errorHandler;
        if (handler === void 0) {
          throw err;
        } else {
          handler(err);
        }
        return this;
      }
      /**
       * Write a XML data to the parser.
       *
       * @param chunk The XML data to write.
       *
       * @returns this
       */
      // We do need object for the type here. Yes, it often causes problems
      // but not in this case.
      write(chunk) {
        if (this.closed) {
          return this.fail("cannot write after close; assign an onready handler.");
        }
        let end = false;
        if (chunk === null) {
          end = true;
          chunk = "";
        } else if (typeof chunk === "object") {
          chunk = chunk.toString();
        }
        if (this.carriedFromPrevious !== void 0) {
          chunk = `${this.carriedFromPrevious}${chunk}`;
          this.carriedFromPrevious = void 0;
        }
        let limit = chunk.length;
        const lastCode = chunk.charCodeAt(limit - 1);
        if (!end && // A trailing CR or surrogate must be carried over to the next
        // chunk.
        (lastCode === CR || lastCode >= 55296 && lastCode <= 56319)) {
          this.carriedFromPrevious = chunk[limit - 1];
          limit--;
          chunk = chunk.slice(0, limit);
        }
        const { stateTable } = this;
        this.chunk = chunk;
        this.i = 0;
        while (this.i < limit) {
          stateTable[this.state].call(this);
        }
        this.chunkPosition += limit;
        return end ? this.end() : this;
      }
      /**
       * Close the current stream. Perform final well-formedness checks and reset
       * the parser tstate.
       *
       * @returns this
       */
      close() {
        return this.write(null);
      }
      /**
       * Get a single code point out of the current chunk. This updates the current
       * position if we do position tracking.
       *
       * This is the algorithm to use for XML 1.0.
       *
       * @returns The character read.
       */
      getCode10() {
        const { chunk, i } = this;
        this.prevI = i;
        this.i = i + 1;
        if (i >= chunk.length) {
          return EOC;
        }
        const code = chunk.charCodeAt(i);
        this.column++;
        if (code < 55296) {
          if (code >= SPACE || code === TAB) {
            return code;
          }
          switch (code) {
            case NL:
              this.line++;
              this.column = 0;
              this.positionAtNewLine = this.position;
              return NL;
            case CR:
              if (chunk.charCodeAt(i + 1) === NL) {
                this.i = i + 2;
              }
              this.line++;
              this.column = 0;
              this.positionAtNewLine = this.position;
              return NL_LIKE;
            default:
              this.fail("disallowed character.");
              return code;
          }
        }
        if (code > 56319) {
          if (!(code >= 57344 && code <= 65533)) {
            this.fail("disallowed character.");
          }
          return code;
        }
        const final = 65536 + (code - 55296) * 1024 + (chunk.charCodeAt(i + 1) - 56320);
        this.i = i + 2;
        if (final > 1114111) {
          this.fail("disallowed character.");
        }
        return final;
      }
      /**
       * Get a single code point out of the current chunk. This updates the current
       * position if we do position tracking.
       *
       * This is the algorithm to use for XML 1.1.
       *
       * @returns {number} The character read.
       */
      getCode11() {
        const { chunk, i } = this;
        this.prevI = i;
        this.i = i + 1;
        if (i >= chunk.length) {
          return EOC;
        }
        const code = chunk.charCodeAt(i);
        this.column++;
        if (code < 55296) {
          if (code > 31 && code < 127 || code > 159 && code !== LS || code === TAB) {
            return code;
          }
          switch (code) {
            case NL:
              this.line++;
              this.column = 0;
              this.positionAtNewLine = this.position;
              return NL;
            case CR: {
              const next = chunk.charCodeAt(i + 1);
              if (next === NL || next === NEL) {
                this.i = i + 2;
              }
            }
            /* yes, fall through */
            case NEL:
            // 0x85
            case LS:
              this.line++;
              this.column = 0;
              this.positionAtNewLine = this.position;
              return NL_LIKE;
            default:
              this.fail("disallowed character.");
              return code;
          }
        }
        if (code > 56319) {
          if (!(code >= 57344 && code <= 65533)) {
            this.fail("disallowed character.");
          }
          return code;
        }
        const final = 65536 + (code - 55296) * 1024 + (chunk.charCodeAt(i + 1) - 56320);
        this.i = i + 2;
        if (final > 1114111) {
          this.fail("disallowed character.");
        }
        return final;
      }
      /**
       * Like ``getCode`` but with the return value normalized so that ``NL`` is
       * returned for ``NL_LIKE``.
       */
      getCodeNorm() {
        const c = this.getCode();
        return c === NL_LIKE ? NL : c;
      }
      unget() {
        this.i = this.prevI;
        this.column--;
      }
      /**
       * Capture characters into a buffer until encountering one of a set of
       * characters.
       *
       * @param chars An array of codepoints. Encountering a character in the array
       * ends the capture. (``chars`` may safely contain ``NL``.)
       *
       * @return The character code that made the capture end, or ``EOC`` if we hit
       * the end of the chunk. The return value cannot be NL_LIKE: NL is returned
       * instead.
       */
      captureTo(chars) {
        let { i: start } = this;
        const { chunk } = this;
        while (true) {
          const c = this.getCode();
          const isNLLike = c === NL_LIKE;
          const final = isNLLike ? NL : c;
          if (final === EOC || chars.includes(final)) {
            this.text += chunk.slice(start, this.prevI);
            return final;
          }
          if (isNLLike) {
            this.text += `${chunk.slice(start, this.prevI)}
`;
            start = this.i;
          }
        }
      }
      /**
       * Capture characters into a buffer until encountering a character.
       *
       * @param char The codepoint that ends the capture. **NOTE ``char`` MAY NOT
       * CONTAIN ``NL``.** Passing ``NL`` will result in buggy behavior.
       *
       * @return ``true`` if we ran into the character. Otherwise, we ran into the
       * end of the current chunk.
       */
      captureToChar(char) {
        let { i: start } = this;
        const { chunk } = this;
        while (true) {
          let c = this.getCode();
          switch (c) {
            case NL_LIKE:
              this.text += `${chunk.slice(start, this.prevI)}
`;
              start = this.i;
              c = NL;
              break;
            case EOC:
              this.text += chunk.slice(start);
              return false;
            default:
          }
          if (c === char) {
            this.text += chunk.slice(start, this.prevI);
            return true;
          }
        }
      }
      /**
       * Capture characters that satisfy ``isNameChar`` into the ``name`` field of
       * this parser.
       *
       * @return The character code that made the test fail, or ``EOC`` if we hit
       * the end of the chunk. The return value cannot be NL_LIKE: NL is returned
       * instead.
       */
      captureNameChars() {
        const { chunk, i: start } = this;
        while (true) {
          const c = this.getCode();
          if (c === EOC) {
            this.name += chunk.slice(start);
            return EOC;
          }
          if (!isNameChar(c)) {
            this.name += chunk.slice(start, this.prevI);
            return c === NL_LIKE ? NL : c;
          }
        }
      }
      /**
       * Skip white spaces.
       *
       * @return The character that ended the skip, or ``EOC`` if we hit
       * the end of the chunk. The return value cannot be NL_LIKE: NL is returned
       * instead.
       */
      skipSpaces() {
        while (true) {
          const c = this.getCodeNorm();
          if (c === EOC || !isS(c)) {
            return c;
          }
        }
      }
      setXMLVersion(version2) {
        this.currentXMLVersion = version2;
        if (version2 === "1.0") {
          this.isChar = isChar10;
          this.getCode = this.getCode10;
        } else {
          this.isChar = isChar11;
          this.getCode = this.getCode11;
        }
      }
      // STATE ENGINE METHODS
      // This needs to be a state separate from S_BEGIN_WHITESPACE because we want
      // to be sure never to come back to this state later.
      sBegin() {
        if (this.chunk.charCodeAt(0) === 65279) {
          this.i++;
          this.column++;
        }
        this.state = S_BEGIN_WHITESPACE;
      }
      sBeginWhitespace() {
        const iBefore = this.i;
        const c = this.skipSpaces();
        if (this.prevI !== iBefore) {
          this.xmlDeclPossible = false;
        }
        switch (c) {
          case LESS:
            this.state = S_OPEN_WAKA;
            if (this.text.length !== 0) {
              throw new Error("no-empty text at start");
            }
            break;
          case EOC:
            break;
          default:
            this.unget();
            this.state = S_TEXT;
            this.xmlDeclPossible = false;
        }
      }
      sDoctype() {
        var _a;
        const c = this.captureTo(DOCTYPE_TERMINATOR);
        switch (c) {
          case GREATER: {
            (_a = this.doctypeHandler) === null || _a === void 0 ? void 0 : _a.call(this, this.text);
            this.text = "";
            this.state = S_TEXT;
            this.doctype = true;
            break;
          }
          case EOC:
            break;
          default:
            this.text += String.fromCodePoint(c);
            if (c === OPEN_BRACKET) {
              this.state = S_DTD;
            } else if (isQuote(c)) {
              this.state = S_DOCTYPE_QUOTE;
              this.q = c;
            }
        }
      }
      sDoctypeQuote() {
        const q = this.q;
        if (this.captureToChar(q)) {
          this.text += String.fromCodePoint(q);
          this.q = null;
          this.state = S_DOCTYPE;
        }
      }
      sDTD() {
        const c = this.captureTo(DTD_TERMINATOR);
        if (c === EOC) {
          return;
        }
        this.text += String.fromCodePoint(c);
        if (c === CLOSE_BRACKET) {
          this.state = S_DOCTYPE;
        } else if (c === LESS) {
          this.state = S_DTD_OPEN_WAKA;
        } else if (isQuote(c)) {
          this.state = S_DTD_QUOTED;
          this.q = c;
        }
      }
      sDTDQuoted() {
        const q = this.q;
        if (this.captureToChar(q)) {
          this.text += String.fromCodePoint(q);
          this.state = S_DTD;
          this.q = null;
        }
      }
      sDTDOpenWaka() {
        const c = this.getCodeNorm();
        this.text += String.fromCodePoint(c);
        switch (c) {
          case BANG:
            this.state = S_DTD_OPEN_WAKA_BANG;
            this.openWakaBang = "";
            break;
          case QUESTION:
            this.state = S_DTD_PI;
            break;
          default:
            this.state = S_DTD;
        }
      }
      sDTDOpenWakaBang() {
        const char = String.fromCodePoint(this.getCodeNorm());
        const owb = this.openWakaBang += char;
        this.text += char;
        if (owb !== "-") {
          this.state = owb === "--" ? S_DTD_COMMENT : S_DTD;
          this.openWakaBang = "";
        }
      }
      sDTDComment() {
        if (this.captureToChar(MINUS)) {
          this.text += "-";
          this.state = S_DTD_COMMENT_ENDING;
        }
      }
      sDTDCommentEnding() {
        const c = this.getCodeNorm();
        this.text += String.fromCodePoint(c);
        this.state = c === MINUS ? S_DTD_COMMENT_ENDED : S_DTD_COMMENT;
      }
      sDTDCommentEnded() {
        const c = this.getCodeNorm();
        this.text += String.fromCodePoint(c);
        if (c === GREATER) {
          this.state = S_DTD;
        } else {
          this.fail("malformed comment.");
          this.state = S_DTD_COMMENT;
        }
      }
      sDTDPI() {
        if (this.captureToChar(QUESTION)) {
          this.text += "?";
          this.state = S_DTD_PI_ENDING;
        }
      }
      sDTDPIEnding() {
        const c = this.getCodeNorm();
        this.text += String.fromCodePoint(c);
        if (c === GREATER) {
          this.state = S_DTD;
        }
      }
      sText() {
        if (this.tags.length !== 0) {
          this.handleTextInRoot();
        } else {
          this.handleTextOutsideRoot();
        }
      }
      sEntity() {
        let { i: start } = this;
        const { chunk } = this;
        loop:
          while (true) {
            switch (this.getCode()) {
              case NL_LIKE:
                this.entity += `${chunk.slice(start, this.prevI)}
`;
                start = this.i;
                break;
              case SEMICOLON: {
                const { entityReturnState } = this;
                const entity = this.entity + chunk.slice(start, this.prevI);
                this.state = entityReturnState;
                let parsed;
                if (entity === "") {
                  this.fail("empty entity name.");
                  parsed = "&;";
                } else {
                  parsed = this.parseEntity(entity);
                  this.entity = "";
                }
                if (entityReturnState !== S_TEXT || this.textHandler !== void 0) {
                  this.text += parsed;
                }
                break loop;
              }
              case EOC:
                this.entity += chunk.slice(start);
                break loop;
              default:
            }
          }
      }
      sOpenWaka() {
        const c = this.getCode();
        if (isNameStartChar(c)) {
          this.state = S_OPEN_TAG;
          this.unget();
          this.xmlDeclPossible = false;
        } else {
          switch (c) {
            case FORWARD_SLASH:
              this.state = S_CLOSE_TAG;
              this.xmlDeclPossible = false;
              break;
            case BANG:
              this.state = S_OPEN_WAKA_BANG;
              this.openWakaBang = "";
              this.xmlDeclPossible = false;
              break;
            case QUESTION:
              this.state = S_PI_FIRST_CHAR;
              break;
            default:
              this.fail("disallowed character in tag name");
              this.state = S_TEXT;
              this.xmlDeclPossible = false;
          }
        }
      }
      sOpenWakaBang() {
        this.openWakaBang += String.fromCodePoint(this.getCodeNorm());
        switch (this.openWakaBang) {
          case "[CDATA[":
            if (!this.sawRoot && !this.reportedTextBeforeRoot) {
              this.fail("text data outside of root node.");
              this.reportedTextBeforeRoot = true;
            }
            if (this.closedRoot && !this.reportedTextAfterRoot) {
              this.fail("text data outside of root node.");
              this.reportedTextAfterRoot = true;
            }
            this.state = S_CDATA;
            this.openWakaBang = "";
            break;
          case "--":
            this.state = S_COMMENT;
            this.openWakaBang = "";
            break;
          case "DOCTYPE":
            this.state = S_DOCTYPE;
            if (this.doctype || this.sawRoot) {
              this.fail("inappropriately located doctype declaration.");
            }
            this.openWakaBang = "";
            break;
          default:
            if (this.openWakaBang.length >= 7) {
              this.fail("incorrect syntax.");
            }
        }
      }
      sComment() {
        if (this.captureToChar(MINUS)) {
          this.state = S_COMMENT_ENDING;
        }
      }
      sCommentEnding() {
        var _a;
        const c = this.getCodeNorm();
        if (c === MINUS) {
          this.state = S_COMMENT_ENDED;
          (_a = this.commentHandler) === null || _a === void 0 ? void 0 : _a.call(this, this.text);
          this.text = "";
        } else {
          this.text += `-${String.fromCodePoint(c)}`;
          this.state = S_COMMENT;
        }
      }
      sCommentEnded() {
        const c = this.getCodeNorm();
        if (c !== GREATER) {
          this.fail("malformed comment.");
          this.text += `--${String.fromCodePoint(c)}`;
          this.state = S_COMMENT;
        } else {
          this.state = S_TEXT;
        }
      }
      sCData() {
        if (this.captureToChar(CLOSE_BRACKET)) {
          this.state = S_CDATA_ENDING;
        }
      }
      sCDataEnding() {
        const c = this.getCodeNorm();
        if (c === CLOSE_BRACKET) {
          this.state = S_CDATA_ENDING_2;
        } else {
          this.text += `]${String.fromCodePoint(c)}`;
          this.state = S_CDATA;
        }
      }
      sCDataEnding2() {
        var _a;
        const c = this.getCodeNorm();
        switch (c) {
          case GREATER: {
            (_a = this.cdataHandler) === null || _a === void 0 ? void 0 : _a.call(this, this.text);
            this.text = "";
            this.state = S_TEXT;
            break;
          }
          case CLOSE_BRACKET:
            this.text += "]";
            break;
          default:
            this.text += `]]${String.fromCodePoint(c)}`;
            this.state = S_CDATA;
        }
      }
      // We need this separate state to check the first character fo the pi target
      // with this.nameStartCheck which allows less characters than this.nameCheck.
      sPIFirstChar() {
        const c = this.getCodeNorm();
        if (this.nameStartCheck(c)) {
          this.piTarget += String.fromCodePoint(c);
          this.state = S_PI_REST;
        } else if (c === QUESTION || isS(c)) {
          this.fail("processing instruction without a target.");
          this.state = c === QUESTION ? S_PI_ENDING : S_PI_BODY;
        } else {
          this.fail("disallowed character in processing instruction name.");
          this.piTarget += String.fromCodePoint(c);
          this.state = S_PI_REST;
        }
      }
      sPIRest() {
        const { chunk, i: start } = this;
        while (true) {
          const c = this.getCodeNorm();
          if (c === EOC) {
            this.piTarget += chunk.slice(start);
            return;
          }
          if (!this.nameCheck(c)) {
            this.piTarget += chunk.slice(start, this.prevI);
            const isQuestion = c === QUESTION;
            if (isQuestion || isS(c)) {
              if (this.piTarget === "xml") {
                if (!this.xmlDeclPossible) {
                  this.fail("an XML declaration must be at the start of the document.");
                }
                this.state = isQuestion ? S_XML_DECL_ENDING : S_XML_DECL_NAME_START;
              } else {
                this.state = isQuestion ? S_PI_ENDING : S_PI_BODY;
              }
            } else {
              this.fail("disallowed character in processing instruction name.");
              this.piTarget += String.fromCodePoint(c);
            }
            break;
          }
        }
      }
      sPIBody() {
        if (this.text.length === 0) {
          const c = this.getCodeNorm();
          if (c === QUESTION) {
            this.state = S_PI_ENDING;
          } else if (!isS(c)) {
            this.text = String.fromCodePoint(c);
          }
        } else if (this.captureToChar(QUESTION)) {
          this.state = S_PI_ENDING;
        }
      }
      sPIEnding() {
        var _a;
        const c = this.getCodeNorm();
        if (c === GREATER) {
          const { piTarget } = this;
          if (piTarget.toLowerCase() === "xml") {
            this.fail("the XML declaration must appear at the start of the document.");
          }
          (_a = this.piHandler) === null || _a === void 0 ? void 0 : _a.call(this, {
            target: piTarget,
            body: this.text
          });
          this.piTarget = this.text = "";
          this.state = S_TEXT;
        } else if (c === QUESTION) {
          this.text += "?";
        } else {
          this.text += `?${String.fromCodePoint(c)}`;
          this.state = S_PI_BODY;
        }
        this.xmlDeclPossible = false;
      }
      sXMLDeclNameStart() {
        const c = this.skipSpaces();
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          return;
        }
        if (c !== EOC) {
          this.state = S_XML_DECL_NAME;
          this.name = String.fromCodePoint(c);
        }
      }
      sXMLDeclName() {
        const c = this.captureTo(XML_DECL_NAME_TERMINATOR);
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          this.name += this.text;
          this.text = "";
          this.fail("XML declaration is incomplete.");
          return;
        }
        if (!(isS(c) || c === EQUAL)) {
          return;
        }
        this.name += this.text;
        this.text = "";
        if (!this.xmlDeclExpects.includes(this.name)) {
          switch (this.name.length) {
            case 0:
              this.fail("did not expect any more name/value pairs.");
              break;
            case 1:
              this.fail(`expected the name ${this.xmlDeclExpects[0]}.`);
              break;
            default:
              this.fail(`expected one of ${this.xmlDeclExpects.join(", ")}`);
          }
        }
        this.state = c === EQUAL ? S_XML_DECL_VALUE_START : S_XML_DECL_EQ;
      }
      sXMLDeclEq() {
        const c = this.getCodeNorm();
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          this.fail("XML declaration is incomplete.");
          return;
        }
        if (isS(c)) {
          return;
        }
        if (c !== EQUAL) {
          this.fail("value required.");
        }
        this.state = S_XML_DECL_VALUE_START;
      }
      sXMLDeclValueStart() {
        const c = this.getCodeNorm();
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          this.fail("XML declaration is incomplete.");
          return;
        }
        if (isS(c)) {
          return;
        }
        if (!isQuote(c)) {
          this.fail("value must be quoted.");
          this.q = SPACE;
        } else {
          this.q = c;
        }
        this.state = S_XML_DECL_VALUE;
      }
      sXMLDeclValue() {
        const c = this.captureTo([this.q, QUESTION]);
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          this.text = "";
          this.fail("XML declaration is incomplete.");
          return;
        }
        if (c === EOC) {
          return;
        }
        const value2 = this.text;
        this.text = "";
        switch (this.name) {
          case "version": {
            this.xmlDeclExpects = ["encoding", "standalone"];
            const version2 = value2;
            this.xmlDecl.version = version2;
            if (!/^1\.[0-9]+$/.test(version2)) {
              this.fail("version number must match /^1\\.[0-9]+$/.");
            } else if (!this.opt.forceXMLVersion) {
              this.setXMLVersion(version2);
            }
            break;
          }
          case "encoding":
            if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(value2)) {
              this.fail("encoding value must match /^[A-Za-z0-9][A-Za-z0-9._-]*$/.");
            }
            this.xmlDeclExpects = ["standalone"];
            this.xmlDecl.encoding = value2;
            break;
          case "standalone":
            if (value2 !== "yes" && value2 !== "no") {
              this.fail('standalone value must match "yes" or "no".');
            }
            this.xmlDeclExpects = [];
            this.xmlDecl.standalone = value2;
            break;
          default:
        }
        this.name = "";
        this.state = S_XML_DECL_SEPARATOR;
      }
      sXMLDeclSeparator() {
        const c = this.getCodeNorm();
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          return;
        }
        if (!isS(c)) {
          this.fail("whitespace required.");
          this.unget();
        }
        this.state = S_XML_DECL_NAME_START;
      }
      sXMLDeclEnding() {
        var _a;
        const c = this.getCodeNorm();
        if (c === GREATER) {
          if (this.piTarget !== "xml") {
            this.fail("processing instructions are not allowed before root.");
          } else if (this.name !== "version" && this.xmlDeclExpects.includes("version")) {
            this.fail("XML declaration must contain a version.");
          }
          (_a = this.xmldeclHandler) === null || _a === void 0 ? void 0 : _a.call(this, this.xmlDecl);
          this.name = "";
          this.piTarget = this.text = "";
          this.state = S_TEXT;
        } else {
          this.fail("The character ? is disallowed anywhere in XML declarations.");
        }
        this.xmlDeclPossible = false;
      }
      sOpenTag() {
        var _a;
        const c = this.captureNameChars();
        if (c === EOC) {
          return;
        }
        const tag = this.tag = {
          name: this.name,
          attributes: /* @__PURE__ */ Object.create(null)
        };
        this.name = "";
        if (this.xmlnsOpt) {
          this.topNS = tag.ns = /* @__PURE__ */ Object.create(null);
        }
        (_a = this.openTagStartHandler) === null || _a === void 0 ? void 0 : _a.call(this, tag);
        this.sawRoot = true;
        if (!this.fragmentOpt && this.closedRoot) {
          this.fail("documents may contain only one root.");
        }
        switch (c) {
          case GREATER:
            this.openTag();
            break;
          case FORWARD_SLASH:
            this.state = S_OPEN_TAG_SLASH;
            break;
          default:
            if (!isS(c)) {
              this.fail("disallowed character in tag name.");
            }
            this.state = S_ATTRIB;
        }
      }
      sOpenTagSlash() {
        if (this.getCode() === GREATER) {
          this.openSelfClosingTag();
        } else {
          this.fail("forward-slash in opening tag not followed by >.");
          this.state = S_ATTRIB;
        }
      }
      sAttrib() {
        const c = this.skipSpaces();
        if (c === EOC) {
          return;
        }
        if (isNameStartChar(c)) {
          this.unget();
          this.state = S_ATTRIB_NAME;
        } else if (c === GREATER) {
          this.openTag();
        } else if (c === FORWARD_SLASH) {
          this.state = S_OPEN_TAG_SLASH;
        } else {
          this.fail("disallowed character in attribute name.");
        }
      }
      sAttribName() {
        const c = this.captureNameChars();
        if (c === EQUAL) {
          this.state = S_ATTRIB_VALUE;
        } else if (isS(c)) {
          this.state = S_ATTRIB_NAME_SAW_WHITE;
        } else if (c === GREATER) {
          this.fail("attribute without value.");
          this.pushAttrib(this.name, this.name);
          this.name = this.text = "";
          this.openTag();
        } else if (c !== EOC) {
          this.fail("disallowed character in attribute name.");
        }
      }
      sAttribNameSawWhite() {
        const c = this.skipSpaces();
        switch (c) {
          case EOC:
            return;
          case EQUAL:
            this.state = S_ATTRIB_VALUE;
            break;
          default:
            this.fail("attribute without value.");
            this.text = "";
            this.name = "";
            if (c === GREATER) {
              this.openTag();
            } else if (isNameStartChar(c)) {
              this.unget();
              this.state = S_ATTRIB_NAME;
            } else {
              this.fail("disallowed character in attribute name.");
              this.state = S_ATTRIB;
            }
        }
      }
      sAttribValue() {
        const c = this.getCodeNorm();
        if (isQuote(c)) {
          this.q = c;
          this.state = S_ATTRIB_VALUE_QUOTED;
        } else if (!isS(c)) {
          this.fail("unquoted attribute value.");
          this.state = S_ATTRIB_VALUE_UNQUOTED;
          this.unget();
        }
      }
      sAttribValueQuoted() {
        const { q, chunk } = this;
        let { i: start } = this;
        while (true) {
          switch (this.getCode()) {
            case q:
              this.pushAttrib(this.name, this.text + chunk.slice(start, this.prevI));
              this.name = this.text = "";
              this.q = null;
              this.state = S_ATTRIB_VALUE_CLOSED;
              return;
            case AMP:
              this.text += chunk.slice(start, this.prevI);
              this.state = S_ENTITY;
              this.entityReturnState = S_ATTRIB_VALUE_QUOTED;
              return;
            case NL:
            case NL_LIKE:
            case TAB:
              this.text += `${chunk.slice(start, this.prevI)} `;
              start = this.i;
              break;
            case LESS:
              this.text += chunk.slice(start, this.prevI);
              this.fail("disallowed character.");
              return;
            case EOC:
              this.text += chunk.slice(start);
              return;
            default:
          }
        }
      }
      sAttribValueClosed() {
        const c = this.getCodeNorm();
        if (isS(c)) {
          this.state = S_ATTRIB;
        } else if (c === GREATER) {
          this.openTag();
        } else if (c === FORWARD_SLASH) {
          this.state = S_OPEN_TAG_SLASH;
        } else if (isNameStartChar(c)) {
          this.fail("no whitespace between attributes.");
          this.unget();
          this.state = S_ATTRIB_NAME;
        } else {
          this.fail("disallowed character in attribute name.");
        }
      }
      sAttribValueUnquoted() {
        const c = this.captureTo(ATTRIB_VALUE_UNQUOTED_TERMINATOR);
        switch (c) {
          case AMP:
            this.state = S_ENTITY;
            this.entityReturnState = S_ATTRIB_VALUE_UNQUOTED;
            break;
          case LESS:
            this.fail("disallowed character.");
            break;
          case EOC:
            break;
          default:
            if (this.text.includes("]]>")) {
              this.fail('the string "]]>" is disallowed in char data.');
            }
            this.pushAttrib(this.name, this.text);
            this.name = this.text = "";
            if (c === GREATER) {
              this.openTag();
            } else {
              this.state = S_ATTRIB;
            }
        }
      }
      sCloseTag() {
        const c = this.captureNameChars();
        if (c === GREATER) {
          this.closeTag();
        } else if (isS(c)) {
          this.state = S_CLOSE_TAG_SAW_WHITE;
        } else if (c !== EOC) {
          this.fail("disallowed character in closing tag.");
        }
      }
      sCloseTagSawWhite() {
        switch (this.skipSpaces()) {
          case GREATER:
            this.closeTag();
            break;
          case EOC:
            break;
          default:
            this.fail("disallowed character in closing tag.");
        }
      }
      // END OF STATE ENGINE METHODS
      handleTextInRoot() {
        let { i: start, forbiddenState } = this;
        const { chunk, textHandler: handler } = this;
        scanLoop:
          while (true) {
            switch (this.getCode()) {
              case LESS: {
                this.state = S_OPEN_WAKA;
                if (handler !== void 0) {
                  const { text: text5 } = this;
                  const slice = chunk.slice(start, this.prevI);
                  if (text5.length !== 0) {
                    handler(text5 + slice);
                    this.text = "";
                  } else if (slice.length !== 0) {
                    handler(slice);
                  }
                }
                forbiddenState = FORBIDDEN_START;
                break scanLoop;
              }
              case AMP:
                this.state = S_ENTITY;
                this.entityReturnState = S_TEXT;
                if (handler !== void 0) {
                  this.text += chunk.slice(start, this.prevI);
                }
                forbiddenState = FORBIDDEN_START;
                break scanLoop;
              case CLOSE_BRACKET:
                switch (forbiddenState) {
                  case FORBIDDEN_START:
                    forbiddenState = FORBIDDEN_BRACKET;
                    break;
                  case FORBIDDEN_BRACKET:
                    forbiddenState = FORBIDDEN_BRACKET_BRACKET;
                    break;
                  case FORBIDDEN_BRACKET_BRACKET:
                    break;
                  default:
                    throw new Error("impossible state");
                }
                break;
              case GREATER:
                if (forbiddenState === FORBIDDEN_BRACKET_BRACKET) {
                  this.fail('the string "]]>" is disallowed in char data.');
                }
                forbiddenState = FORBIDDEN_START;
                break;
              case NL_LIKE:
                if (handler !== void 0) {
                  this.text += `${chunk.slice(start, this.prevI)}
`;
                }
                start = this.i;
                forbiddenState = FORBIDDEN_START;
                break;
              case EOC:
                if (handler !== void 0) {
                  this.text += chunk.slice(start);
                }
                break scanLoop;
              default:
                forbiddenState = FORBIDDEN_START;
            }
          }
        this.forbiddenState = forbiddenState;
      }
      handleTextOutsideRoot() {
        let { i: start } = this;
        const { chunk, textHandler: handler } = this;
        let nonSpace = false;
        outRootLoop:
          while (true) {
            const code = this.getCode();
            switch (code) {
              case LESS: {
                this.state = S_OPEN_WAKA;
                if (handler !== void 0) {
                  const { text: text5 } = this;
                  const slice = chunk.slice(start, this.prevI);
                  if (text5.length !== 0) {
                    handler(text5 + slice);
                    this.text = "";
                  } else if (slice.length !== 0) {
                    handler(slice);
                  }
                }
                break outRootLoop;
              }
              case AMP:
                this.state = S_ENTITY;
                this.entityReturnState = S_TEXT;
                if (handler !== void 0) {
                  this.text += chunk.slice(start, this.prevI);
                }
                nonSpace = true;
                break outRootLoop;
              case NL_LIKE:
                if (handler !== void 0) {
                  this.text += `${chunk.slice(start, this.prevI)}
`;
                }
                start = this.i;
                break;
              case EOC:
                if (handler !== void 0) {
                  this.text += chunk.slice(start);
                }
                break outRootLoop;
              default:
                if (!isS(code)) {
                  nonSpace = true;
                }
            }
          }
        if (!nonSpace) {
          return;
        }
        if (!this.sawRoot && !this.reportedTextBeforeRoot) {
          this.fail("text data outside of root node.");
          this.reportedTextBeforeRoot = true;
        }
        if (this.closedRoot && !this.reportedTextAfterRoot) {
          this.fail("text data outside of root node.");
          this.reportedTextAfterRoot = true;
        }
      }
      pushAttribNS(name, value2) {
        var _a;
        const { prefix, local } = this.qname(name);
        const attr = { name, prefix, local, value: value2 };
        this.attribList.push(attr);
        (_a = this.attributeHandler) === null || _a === void 0 ? void 0 : _a.call(this, attr);
        if (prefix === "xmlns") {
          const trimmed = value2.trim();
          if (this.currentXMLVersion === "1.0" && trimmed === "") {
            this.fail("invalid attempt to undefine prefix in XML 1.0");
          }
          this.topNS[local] = trimmed;
          nsPairCheck(this, local, trimmed);
        } else if (name === "xmlns") {
          const trimmed = value2.trim();
          this.topNS[""] = trimmed;
          nsPairCheck(this, "", trimmed);
        }
      }
      pushAttribPlain(name, value2) {
        var _a;
        const attr = { name, value: value2 };
        this.attribList.push(attr);
        (_a = this.attributeHandler) === null || _a === void 0 ? void 0 : _a.call(this, attr);
      }
      /**
       * End parsing. This performs final well-formedness checks and resets the
       * parser to a clean state.
       *
       * @returns this
       */
      end() {
        var _a, _b;
        if (!this.sawRoot) {
          this.fail("document must contain a root element.");
        }
        const { tags } = this;
        while (tags.length > 0) {
          const tag = tags.pop();
          this.fail(`unclosed tag: ${tag.name}`);
        }
        if (this.state !== S_BEGIN && this.state !== S_TEXT) {
          this.fail("unexpected end.");
        }
        const { text: text5 } = this;
        if (text5.length !== 0) {
          (_a = this.textHandler) === null || _a === void 0 ? void 0 : _a.call(this, text5);
          this.text = "";
        }
        this._closed = true;
        (_b = this.endHandler) === null || _b === void 0 ? void 0 : _b.call(this);
        this._init();
        return this;
      }
      /**
       * Resolve a namespace prefix.
       *
       * @param prefix The prefix to resolve.
       *
       * @returns The namespace URI or ``undefined`` if the prefix is not defined.
       */
      resolve(prefix) {
        var _a, _b;
        let uri = this.topNS[prefix];
        if (uri !== void 0) {
          return uri;
        }
        const { tags } = this;
        for (let index = tags.length - 1; index >= 0; index--) {
          uri = tags[index].ns[prefix];
          if (uri !== void 0) {
            return uri;
          }
        }
        uri = this.ns[prefix];
        if (uri !== void 0) {
          return uri;
        }
        return (_b = (_a = this.opt).resolvePrefix) === null || _b === void 0 ? void 0 : _b.call(_a, prefix);
      }
      /**
       * Parse a qname into its prefix and local name parts.
       *
       * @param name The name to parse
       *
       * @returns
       */
      qname(name) {
        const colon = name.indexOf(":");
        if (colon === -1) {
          return { prefix: "", local: name };
        }
        const local = name.slice(colon + 1);
        const prefix = name.slice(0, colon);
        if (prefix === "" || local === "" || local.includes(":")) {
          this.fail(`malformed name: ${name}.`);
        }
        return { prefix, local };
      }
      processAttribsNS() {
        var _a;
        const { attribList } = this;
        const tag = this.tag;
        {
          const { prefix, local } = this.qname(tag.name);
          tag.prefix = prefix;
          tag.local = local;
          const uri = tag.uri = (_a = this.resolve(prefix)) !== null && _a !== void 0 ? _a : "";
          if (prefix !== "") {
            if (prefix === "xmlns") {
              this.fail('tags may not have "xmlns" as prefix.');
            }
            if (uri === "") {
              this.fail(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
              tag.uri = prefix;
            }
          }
        }
        if (attribList.length === 0) {
          return;
        }
        const { attributes } = tag;
        const seen = /* @__PURE__ */ new Set();
        for (const attr of attribList) {
          const { name, prefix, local } = attr;
          let uri;
          let eqname;
          if (prefix === "") {
            uri = name === "xmlns" ? XMLNS_NAMESPACE : "";
            eqname = name;
          } else {
            uri = this.resolve(prefix);
            if (uri === void 0) {
              this.fail(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
              uri = prefix;
            }
            eqname = `{${uri}}${local}`;
          }
          if (seen.has(eqname)) {
            this.fail(`duplicate attribute: ${eqname}.`);
          }
          seen.add(eqname);
          attr.uri = uri;
          attributes[name] = attr;
        }
        this.attribList = [];
      }
      processAttribsPlain() {
        const { attribList } = this;
        const attributes = this.tag.attributes;
        for (const { name, value: value2 } of attribList) {
          if (attributes[name] !== void 0) {
            this.fail(`duplicate attribute: ${name}.`);
          }
          attributes[name] = value2;
        }
        this.attribList = [];
      }
      /**
       * Handle a complete open tag. This parser code calls this once it has seen
       * the whole tag. This method checks for well-formeness and then emits
       * ``onopentag``.
       */
      openTag() {
        var _a;
        this.processAttribs();
        const { tags } = this;
        const tag = this.tag;
        tag.isSelfClosing = false;
        (_a = this.openTagHandler) === null || _a === void 0 ? void 0 : _a.call(this, tag);
        tags.push(tag);
        this.state = S_TEXT;
        this.name = "";
      }
      /**
       * Handle a complete self-closing tag. This parser code calls this once it has
       * seen the whole tag. This method checks for well-formeness and then emits
       * ``onopentag`` and ``onclosetag``.
       */
      openSelfClosingTag() {
        var _a, _b, _c;
        this.processAttribs();
        const { tags } = this;
        const tag = this.tag;
        tag.isSelfClosing = true;
        (_a = this.openTagHandler) === null || _a === void 0 ? void 0 : _a.call(this, tag);
        (_b = this.closeTagHandler) === null || _b === void 0 ? void 0 : _b.call(this, tag);
        const top = this.tag = (_c = tags[tags.length - 1]) !== null && _c !== void 0 ? _c : null;
        if (top === null) {
          this.closedRoot = true;
        }
        this.state = S_TEXT;
        this.name = "";
      }
      /**
       * Handle a complete close tag. This parser code calls this once it has seen
       * the whole tag. This method checks for well-formeness and then emits
       * ``onclosetag``.
       */
      closeTag() {
        const { tags, name } = this;
        this.state = S_TEXT;
        this.name = "";
        if (name === "") {
          this.fail("weird empty close tag.");
          this.text += "</>";
          return;
        }
        const handler = this.closeTagHandler;
        let l = tags.length;
        while (l-- > 0) {
          const tag = this.tag = tags.pop();
          this.topNS = tag.ns;
          handler === null || handler === void 0 ? void 0 : handler(tag);
          if (tag.name === name) {
            break;
          }
          this.fail("unexpected close tag.");
        }
        if (l === 0) {
          this.closedRoot = true;
        } else if (l < 0) {
          this.fail(`unmatched closing tag: ${name}.`);
          this.text += `</${name}>`;
        }
      }
      /**
       * Resolves an entity. Makes any necessary well-formedness checks.
       *
       * @param entity The entity to resolve.
       *
       * @returns The parsed entity.
       */
      parseEntity(entity) {
        if (entity[0] !== "#") {
          const defined = this.ENTITIES[entity];
          if (defined !== void 0) {
            return defined;
          }
          this.fail(this.isName(entity) ? "undefined entity." : "disallowed character in entity name.");
          return `&${entity};`;
        }
        let num = NaN;
        if (entity[1] === "x" && /^#x[0-9a-f]+$/i.test(entity)) {
          num = parseInt(entity.slice(2), 16);
        } else if (/^#[0-9]+$/.test(entity)) {
          num = parseInt(entity.slice(1), 10);
        }
        if (!this.isChar(num)) {
          this.fail("malformed character entity.");
          return `&${entity};`;
        }
        return String.fromCodePoint(num);
      }
    };
    exports.SaxesParser = SaxesParser3;
  }
});

// src/error-message.ts
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

// src/config.ts
var import_node_fs3 = __toESM(require_node_fs(), 1);
var import_node_path3 = __toESM(require_node_path(), 1);

// node_modules/smol-toml/dist/error.js
function getLineColFromPtr(string, ptr) {
  let lines = string.slice(0, ptr).split(/\r?\n/);
  return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
  let lines = string.split(/\r?\n/);
  let codeblock = "";
  let numberLen = (Math.log10(line + 1) | 0) + 1;
  for (let i = line - 1; i <= line + 1; i++) {
    let l = lines[i - 1];
    if (!l)
      continue;
    codeblock += i.toString().padEnd(numberLen, " ");
    codeblock += ":  ";
    codeblock += l;
    codeblock += "\n";
    if (i === line) {
      codeblock += " ".repeat(numberLen + column + 2);
      codeblock += "^\n";
    }
  }
  return codeblock;
}
var TomlError = class _TomlError extends Error {
  line;
  column;
  codeblock;
  constructor(message, options) {
    const [line, column] = getLineColFromPtr(options.toml, options.ptr);
    const codeblock = makeCodeBlock(options.toml, line, column);
    super(`Invalid TOML document: ${message}

${codeblock}`, options);
    this.line = line;
    this.column = column;
    this.codeblock = codeblock;
  }
  /** @internal */
  static x(message, ctx, ptr) {
    throw new _TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
  }
};

// node_modules/smol-toml/dist/primitive.js
function parseString(ctx) {
  let startPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p++);
  let first = c;
  let isLiteral = c === 39;
  let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
  if (isMultiline) {
    if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 10)
      ctx.p++;
    else if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)
      ctx.p += 2;
  }
  let parsed = "";
  let sliceStart = ctx.p;
  let state = 0;
  for (; ctx.p < ctx.s.length; ctx.p++) {
    c = ctx.s.charCodeAt(ctx.p);
    if (isMultiline && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)) {
      state = state && 3;
    } else if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in strings", ctx);
    } else if ((!state || state === 3) && c === first && (!isMultiline || ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first)) {
      if (isMultiline) {
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
      }
      if (!state) {
        let s = ctx.s.slice(sliceStart, ctx.p);
        parsed = parsed ? parsed + s : s;
      }
      ctx.p += isMultiline ? 3 : 1;
      return parsed;
    } else if (!state) {
      if (!isLiteral && c === 92) {
        parsed += ctx.s.slice(sliceStart, sliceStart = ctx.p);
        state = 1;
      }
    } else if (state === 1) {
      if (c === 120 || c === 117 || c === 85) {
        let errPtr = ctx.p++ - 1;
        let value2 = 0;
        let len = c === 120 ? 2 : c === 117 ? 4 : 8;
        for (let j = 0; j < len; j++, ctx.p++) {
          let hex = ctx.s.charCodeAt(ctx.p);
          let digit = (
            /* 0-9 */
            hex >= 48 && hex <= 57 ? hex - 48 : (
              /* A-F */
              hex >= 65 && hex <= 70 ? hex - 65 + 10 : (
                /* a-f */
                hex >= 97 && hex <= 102 ? hex - 97 + 10 : -1
              )
            )
          );
          if (digit < 0)
            TomlError.x("invalid non-hex character in unicode escape", ctx);
          value2 = value2 << 4 | digit;
        }
        if (value2 < 0 || value2 > 1114111 || value2 >= 55296 && value2 <= 57343) {
          TomlError.x("invalid unicode escape", ctx, errPtr);
        }
        parsed += String.fromCodePoint(value2);
        sliceStart = ctx.p--;
        state = 0;
      } else if (isMultiline && (c === 32 || c === 9)) {
        state = 2;
      } else {
        if (c === 98)
          parsed += "\b";
        else if (c === 116)
          parsed += "	";
        else if (c === 110)
          parsed += "\n";
        else if (c === 102)
          parsed += "\f";
        else if (c === 114)
          parsed += "\r";
        else if (c === 101)
          parsed += "\x1B";
        else if (c === 34)
          parsed += '"';
        else if (c === 92)
          parsed += "\\";
        else
          TomlError.x("unrecognised escape sequence", ctx);
        sliceStart = ctx.p + 1;
        state = 0;
      }
    } else if (c !== 32 && c !== 9) {
      if (state === 2)
        TomlError.x("invalid escape: only line-ending whitespace may be escaped", ctx, sliceStart);
      state = !isLiteral && c === 92 ? 1 : 0;
      sliceStart = ctx.p;
    }
  }
  TomlError.x("unfinished string", ctx, startPtr);
}

// node_modules/smol-toml/dist/date.js
var DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
var TomlDate = class _TomlDate extends Date {
  #hasDate = false;
  #hasTime = false;
  #offset = null;
  constructor(date, fasttype, unsafeDelim) {
    let hasDate = true;
    let hasTime = true;
    let offset = "Z";
    let c;
    if (typeof date === "string") {
      if (fasttype)
        prep: {
          if (fasttype < 3) {
            if (+date.slice(11, 13) > 23) {
              date = "";
              break prep;
            }
            if (fasttype === 2) {
              offset = null;
              date += "Z";
            } else if ((c = date.charCodeAt(date.length - 1)) !== 90 && c !== 122) {
              offset = date.slice(date.length - 6);
            }
            if (unsafeDelim)
              date = date.slice(0, 10) + "T" + date.slice(11);
          } else if (fasttype === 4) {
            date = +date.slice(0, 2) > 23 ? "" : `0000-01-01T${date}Z`;
          }
          hasDate = fasttype !== 4;
          hasTime = fasttype !== 3;
        }
      else {
        let match = date.match(DATE_TIME_RE);
        if (match) {
          if (!match[1]) {
            hasDate = false;
            date = `0000-01-01T${date}`;
          }
          hasTime = !!match[2];
          hasTime && date[10] === " " && (date = date.replace(" ", "T"));
          if (match[2] && +match[2] > 23) {
            date = "";
          } else {
            offset = match[3] || null;
            if (!offset && hasTime)
              date += "Z";
          }
        } else {
          date = "";
        }
      }
    }
    super(date);
    if (!isNaN(this.getTime())) {
      this.#hasDate = hasDate;
      this.#hasTime = hasTime;
      this.#offset = offset;
    }
  }
  isDateTime() {
    return this.#hasDate && this.#hasTime;
  }
  isLocal() {
    return !this.#hasDate || !this.#hasTime || !this.#offset;
  }
  isDate() {
    return this.#hasDate && !this.#hasTime;
  }
  isTime() {
    return this.#hasTime && !this.#hasDate;
  }
  isValid() {
    return this.#hasDate || this.#hasTime;
  }
  toISOString() {
    let iso = super.toISOString();
    if (this.isDate())
      return iso.slice(0, 10);
    if (this.isTime())
      return iso.slice(11, 23);
    if (this.#offset === null)
      return iso.slice(0, -1);
    if (this.#offset === "Z" || this.#offset === "z")
      return iso;
    let offset = +this.#offset.slice(1, 3) * 60 + +this.#offset.slice(4, 6);
    offset = this.#offset[0] === "-" ? offset : -offset;
    let offsetDate = new Date(this.getTime() - offset * 6e4);
    return offsetDate.toISOString().slice(0, -1) + this.#offset;
  }
  static wrapAsOffsetDateTime(jsDate, offset = "Z") {
    let date = new _TomlDate(jsDate);
    date.#offset = offset;
    return date;
  }
  static wrapAsLocalDateTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#offset = null;
    return date;
  }
  static wrapAsLocalDate(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasTime = false;
    date.#offset = null;
    return date;
  }
  static wrapAsLocalTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasDate = false;
    date.#offset = null;
    return date;
  }
};

// node_modules/smol-toml/dist/extract.js
function isDigit(char, base = 10) {
  return base === 16 ? char > 47 && char < 58 || char > 64 && char < 71 || char > 96 && char < 103 : char > 47 && char < 48 + base;
}
function isEndOfValue(char, delim) {
  return char === 32 || char === 9 || char === 10 || char === 13 || // Structure end or next value delimiter
  delim && (char === delim || char === 44) || // Comment
  char === 35;
}
function extractValue(ctx, end) {
  let errPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p);
  if (c === 91 || c === 123) {
    ctx.d-- || TomlError.x("document contains excessively nested structures. aborting.", ctx);
    let value2 = c === 91 ? parseArray(ctx) : parseInlineTable(ctx);
    ctx.d++;
    return value2;
  }
  if (c === 34 || c === 39) {
    return parseString(ctx);
  }
  if (c === 116) {
    if (ctx.s.charCodeAt(++ctx.p) !== 114 || ctx.s.charCodeAt(++ctx.p) !== 117 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, true;
  }
  if (c === 102) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 108 || ctx.s.charCodeAt(++ctx.p) !== 115 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, false;
  }
  if (c === 43 || c === 45) {
    return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 44 - c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 4) === 45 && ctx.s.charCodeAt(ctx.p + 7) === 45) {
    return parseDate(ctx, c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 2) === 58) {
    return parseTime(ctx, c, end);
  }
  return parseNumber(ctx, ctx.p, c, 0, end);
}
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
  let c = startChr;
  let state = 0;
  let hasUnderscores = false;
  if (c === 105) {
    if (ctx.s.charCodeAt(++ctx.p) !== 110 || ctx.s.charCodeAt(++ctx.p) !== 102)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, (sign || 1) / 0;
  }
  if (c === 110) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 110)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, NaN;
  }
  if (c === 48) {
    if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
      return ctx.bi === true ? 0n : 0;
    if (!sign) {
      if (c === 120)
        return parseIntegerBaseN(ctx, startPtr, 16, endChr);
      else if (c === 98)
        return parseIntegerBaseN(ctx, startPtr, 2, endChr);
      else if (c === 111)
        return parseIntegerBaseN(ctx, startPtr, 8, endChr);
    }
    if (c === 46)
      state = 2;
    else if (c === 101 || c === 69)
      state = 4;
    else
      TomlError.x("illegal leading zero", ctx, startPtr);
  } else if (!isDigit(c))
    TomlError.x("invalid value", ctx, startPtr);
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (!state)
      state = 1;
    if (c === 95) {
      if (!(state & 1))
        TomlError.x("illegal underscore", ctx);
      state += 11;
      hasUnderscores = true;
    } else if (state === 1 && c === 46)
      state = 2;
    else if ((state === 1 || state === 3) && (c === 101 || c === 69))
      state = 4;
    else if (state === 4 && (c === 43 || c === 45)) {
      state = 6;
    } else if (!isDigit(c))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (state > 9)
      state -= 11;
    else if (!(state & 1))
      state++;
  }
  if (!state) {
    let val = (startChr - 48) * (sign || 1);
    return ctx.bi === true ? BigInt(val) : val;
  }
  if (!(state & 1))
    TomlError.x("unfinished numeric value", ctx, startPtr);
  let str = ctx.s.slice(startPtr, ctx.p);
  if (hasUnderscores)
    str = str.replaceAll("_", "");
  return state > 1 ? parseFloat(str) : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
  let c, underscore = 1;
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (c === 95) {
      if (underscore & 1)
        TomlError.x("illegal underscore", ctx);
      underscore = 3;
    } else if (!isDigit(c, base))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (underscore & 1)
      underscore--;
  }
  if (underscore & 1)
    TomlError.x("unfinished numeric value", ctx);
  let str = ctx.s.slice(startPtr + 2, ctx.p);
  if (underscore)
    str = str.replaceAll("_", "");
  return parseInteger(ctx, str, base, startPtr);
}
function parseInteger(ctx, str, base, startPtr) {
  if (ctx.bi !== true)
    int: {
      let val = parseInt(str, base);
      if (!Number.isSafeInteger(val)) {
        if (ctx.bi)
          break int;
        TomlError.x("integer value cannot be represented losslessly", ctx, startPtr);
      }
      return val;
    }
  return base === 10 ? BigInt(str) : BigInt((base === 2 ? "0b" : base === 8 ? "0o" : "0x") + str);
}
function parseDate(ctx, c, endChr) {
  let startPtr = ctx.p++, unsafeSeparator;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++))) {
    return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
  }
  ctx.p += 5;
  if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
    TomlError.x("invalid date-time: date part is malformed", ctx, startPtr);
  if (ctx.p >= ctx.s.length || ((c = ctx.s.charCodeAt(ctx.p)) !== 32 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 84 && c !== 116) {
    let t2 = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t2, 3, false, startPtr);
  }
  if (ctx.s.charCodeAt(ctx.p += 3) !== 58)
    TomlError.x("invalid date-time: time part is malformed", ctx, startPtr);
  if (ctx.s.charCodeAt(ctx.p += 3) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  if (c = ctx.s.charCodeAt(ctx.p)) {
    if (c === 90 || c === 122) {
      let t2 = ctx.s.slice(startPtr, ++ctx.p);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, "[+00:00]");
    }
    if (c === 43 || c === 45) {
      let t2 = ctx.s.slice(startPtr, ctx.p += 6);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, !ctx.ld && "[" + ctx.s.slice(ctx.p - 6, ctx.p) + "]");
    }
  }
  let t = ctx.s.slice(startPtr, ctx.p);
  return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
  let start = ctx.p;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
    return parseNumber(ctx, --ctx.p, c, 0, endChr);
  }
  if (ctx.s.charCodeAt(ctx.p += 4) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  let t = ctx.s.slice(start, ctx.p);
  return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
  if (ctx.ld) {
    let date = new TomlDate(str, type, unsafeDelim);
    if (!date.isValid())
      TomlError.x("invalid date", ctx, errPtr);
    return date;
  }
  try {
    if (temporalSuffix)
      str += temporalSuffix;
    switch (type) {
      case 1:
        return Temporal.ZonedDateTime.from(str);
      case 2:
        return Temporal.PlainDateTime.from(str);
      case 3:
        return Temporal.PlainDate.from(str);
      case 4:
        return Temporal.PlainTime.from(str);
    }
  } catch (e) {
    TomlError.x(e instanceof Error ? e.message : "" + e, ctx, errPtr);
  }
}

// node_modules/smol-toml/dist/util.js
function skipComment(ctx) {
  for (; ctx.p < ctx.s.length; ctx.p++) {
    let c = ctx.s.charCodeAt(ctx.p);
    if (c === 10)
      break;
    if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10) {
      ctx.p++;
      break;
    }
    if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in comments", ctx);
    }
  }
}
function skipVoid(ctx, banNewLines, banComments) {
  let c;
  while (ctx.p < ctx.s.length) {
    while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 32 || c === 9 || !banNewLines && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)))
      ctx.p++;
    if (banComments || c !== 35)
      break;
    skipComment(ctx);
  }
}

// node_modules/smol-toml/dist/struct.js
function parseKey(ctx, end = 61) {
  let startPtr;
  let state = 0;
  let parsed = [];
  let sliceStart;
  let c = ctx.s.charCodeAt(startPtr = ctx.p);
  do {
    if (c === end) {
      if (!state)
        TomlError.x("unexpected end of key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      return ctx.p++, parsed;
    } else if (c === 46) {
      if (!state)
        TomlError.x("illegal empty bare key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      state = 0;
    } else if (!state && (c === 34 || c === 39)) {
      if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
        TomlError.x("illegal quoted key: multiline strings are not allowed", ctx);
      parsed.push(parseString(ctx));
      state = 2;
      ctx.p--;
    } else if (c === 32 || c === 9) {
      if (state === 1) {
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
        state = 2;
      }
    } else if (state === 2 || c < 48 && c !== 45 || c > 57 && c < 65 || c > 90 && c < 97 && c !== 95 || c > 122) {
      TomlError.x("illegal character in key", ctx);
    } else if (!state) {
      state = 1;
      sliceStart = ctx.p;
    }
  } while (c = ctx.s.charCodeAt(++ctx.p));
  TomlError.x("incomplete key-value: cannot find end of key", ctx, startPtr);
}
function parseInlineTable(ctx) {
  let startPtr = ctx.p++;
  let res = /* @__PURE__ */ Object.create(null);
  let seen = /* @__PURE__ */ new Set();
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 125) {
      ctx.p++;
      return res;
    }
    let k;
    let t = res;
    let hasOwn = false;
    let errPtr = ctx.p;
    let key = parseKey(ctx);
    for (let i = 0; i < key.length; i++) {
      if (i)
        t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      k = key[i];
      if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== "object" || seen.has(t[k]))) {
        TomlError.x("trying to redefine an already defined value", ctx, errPtr);
      }
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor")) {
        t = ctx.uk !== 1 && TomlError.x("document contains an unsafe property", ctx, errPtr);
        break;
      }
      if (!hasOwn && unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
      }
    }
    if (hasOwn) {
      TomlError.x("trying to redefine an already defined value", ctx, errPtr);
    }
    skipVoid(ctx, true, true);
    let value2 = extractValue(
      ctx,
      125
      /* } */
    );
    if (t && typeof (t[k] = value2) === "object")
      seen.add(value2);
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 125) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished table", ctx, startPtr);
}
function parseArray(ctx) {
  let startPtr = ctx.p++;
  let res = [];
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 93) {
      ctx.p++;
      return res;
    }
    res.push(extractValue(
      ctx,
      93
      /* ] */
    ));
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 93) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished array", ctx, startPtr);
}

// node_modules/smol-toml/dist/parse.js
function peekTable(ctx, key, table3, meta, type) {
  let t = table3;
  let m = meta;
  let k;
  let hasOwn = false;
  let state;
  for (let i = 0; i < key.length; i++) {
    if (i) {
      t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      m = (state = m[k]).c;
      if (type === 0 && (state.t === 1 || state.t === 2)) {
        return null;
      }
      if (state.t === 2) {
        let l = t.length - 1;
        t = t[l];
        m = m[l].c;
      }
    }
    k = key[i];
    if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 && m[k]?.d) {
      return null;
    }
    if (!hasOwn) {
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor"))
        return false;
      if (unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
        Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
      }
      m[k] = {
        t: i < key.length - 1 && type === 2 ? 3 : type,
        d: false,
        i: 0,
        c: /* @__PURE__ */ Object.create(null)
      };
    }
  }
  state = m[k];
  if (state.t !== type && !(type === 1 && state.t === 3)) {
    return null;
  }
  if (type === 2) {
    if (!state.d) {
      state.d = true;
      t[k] = [];
    }
    t[k].push(t = /* @__PURE__ */ Object.create(null));
    state.c[state.i++] = state = { t: 1, d: false, i: 0, c: /* @__PURE__ */ Object.create(null) };
  }
  if (state.d) {
    return null;
  }
  state.d = true;
  if (type === 1) {
    t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
  } else if (type === 0 && hasOwn) {
    return null;
  }
  return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
  if (peek === null || ctx.uk === 2)
    TomlError.x(peek === null ? "trying to redefine an already defined table or value" : "document contains an unsafe property", ctx, ptr);
}
function parse(toml, options = {}) {
  let ctx = {
    s: toml,
    p: 0,
    d: options.maxDepth ?? 1e3,
    bi: options.integersAsBigInt ?? false,
    ld: options.useLegacyDate ?? true,
    uk: options.unsafeKeyBehaviour === "throw" ? 2 : options.unsafeKeyBehaviour === "drop" ? 1 : 0
  };
  let res = /* @__PURE__ */ Object.create(null);
  let meta = /* @__PURE__ */ Object.create(null);
  let tmp;
  let skipping = false;
  let tbl = res;
  let m = meta;
  if (toml.charCodeAt(0) === 65279)
    ctx.p++;
  skipVoid(ctx);
  while (ctx.p < toml.length) {
    if (toml.charCodeAt(ctx.p) === 91) {
      let isTableArray = toml.charCodeAt(++ctx.p) === 91;
      tmp = ctx.p += +isTableArray;
      skipping = false;
      let k = parseKey(
        ctx,
        93
        /* ] */
      );
      if (isTableArray) {
        if (toml.charCodeAt(ctx.p) !== 93) {
          TomlError.x("expected end of table array declaration", ctx);
        }
        ctx.p++;
      }
      let p = peekTable(
        ctx,
        k,
        res,
        meta,
        isTableArray ? 2 : 1
        /* Type.EXPLICIT */
      );
      if (!p) {
        validateTablePeek(ctx, p, tmp);
        skipping = true;
      } else {
        m = p[2];
        tbl = p[1];
      }
    } else {
      tmp = ctx.p;
      let k = parseKey(ctx);
      let p = peekTable(
        ctx,
        k,
        tbl,
        m,
        0
        /* Type.DOTTED */
      );
      if (!p && !skipping)
        validateTablePeek(ctx, p, tmp);
      skipVoid(ctx, true, true);
      let v = extractValue(ctx, void 0);
      if (p && !skipping)
        p[1][p[0]] = v;
    }
    skipVoid(ctx, true);
    if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 10 && (tmp !== 13 || toml.charCodeAt(ctx.p + 1) !== 10)) {
      TomlError.x("each key-value declaration must be followed by an end-of-line", ctx);
    }
    skipVoid(ctx);
  }
  return res;
}

// node_modules/smol-toml/dist/stringify.js
var HAS_WELLFORMED = !!"".isWellFormed;

// src/project.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_path = __toESM(require_node_path(), 1);
var ProjectError = class extends Error {
  name = "ProjectError";
};
function table(value2) {
  return value2 !== null && typeof value2 === "object" && !Array.isArray(value2) ? value2 : void 0;
}
function normalizedKeys(value2, convert) {
  return Object.fromEntries(
    Object.entries(value2 ?? {}).map(([k, v]) => [normalizeName(k), convert(v)])
  );
}
var listOf = (v) => Array.isArray(v) ? v : [];
function poetryGroupsOf(poetry) {
  const groups = normalizedKeys(table(poetry?.group), (g) => ({
    dependencies: table(table(g)?.dependencies) ?? {},
    includeGroups: listOf(table(g)?.["include-groups"]).filter((n) => typeof n === "string").map(normalizeName)
  }));
  const legacy = table(poetry?.["dev-dependencies"]);
  if (legacy) {
    const dev = groups.dev;
    groups.dev = {
      dependencies: { ...legacy, ...dev?.dependencies },
      includeGroups: dev?.includeGroups ?? []
    };
  }
  return groups;
}
function readProject(dir) {
  const file = import_node_path.default.join(dir, "pyproject.toml");
  let pyproject;
  if ((0, import_node_fs.existsSync)(file)) {
    try {
      pyproject = parse((0, import_node_fs.readFileSync)(file, "utf8"));
    } catch (error) {
      const reason = errorMessage(error).split("\n")[0];
      throw new ProjectError(`pyproject.toml in ${dir} is not valid TOML: ${reason}`);
    }
  }
  const project = table(pyproject?.project);
  const dynamic = Array.isArray(project?.dynamic) ? project?.dynamic : [];
  const optional2 = table(project?.["optional-dependencies"]);
  const groups = table(pyproject?.["dependency-groups"]);
  const tool = table(pyproject?.tool);
  const poetry = table(tool?.poetry);
  const backend = table(pyproject?.["build-system"])?.["build-backend"];
  const poetryName = project === void 0 ? poetry?.name : void 0;
  const poetryExtras = project === void 0 && poetry ? table(poetry.extras) : void 0;
  return {
    dir,
    pyproject,
    hasSetupPy: (0, import_node_fs.existsSync)(import_node_path.default.join(dir, "setup.py")),
    hasSetupCfg: (0, import_node_fs.existsSync)(import_node_path.default.join(dir, "setup.cfg")),
    name: typeof project?.name === "string" ? project.name : typeof poetryName === "string" ? poetryName : void 0,
    requiresPython: typeof project?.["requires-python"] === "string" ? project["requires-python"] : void 0,
    buildBackend: typeof backend === "string" ? backend : void 0,
    extras: project && !dynamic.includes("optional-dependencies") ? Object.keys(optional2 ?? {}).map(normalizeName) : project === void 0 && poetry ? Object.keys(poetryExtras ?? {}).map(normalizeName) : void 0,
    dependencyGroups: normalizedKeys(groups, listOf),
    poetryGroups: poetryGroupsOf(poetry),
    pdmGroups: normalizedKeys(table(table(tool?.pdm)?.["dev-dependencies"]), listOf)
  };
}
function declaredGroups(project) {
  const names = [project.dependencyGroups, project.poetryGroups, project.pdmGroups].flatMap(
    (g) => Object.keys(g)
  );
  return [...new Set(names)].sort();
}
function normalizeName(name) {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
function resolveDependencyGroup(groups, name, seen = []) {
  const key = normalizeName(name);
  const entries = Object.hasOwn(groups, key) ? groups[key] : void 0;
  if (!entries) throw new ProjectError(`dependency group '${name}' is not defined`);
  if (seen.includes(key)) {
    throw new ProjectError(
      `dependency group '${name}' includes itself (${[...seen, key].join(" -> ")})`
    );
  }
  const out = [];
  for (const entry of entries) {
    if (typeof entry === "string") out.push(entry);
    else {
      const include = table(entry)?.["include-group"];
      if (typeof include !== "string") {
        throw new ProjectError(
          `dependency group '${name}' has an entry that is neither a string nor an include-group`
        );
      }
      out.push(...resolveDependencyGroup(groups, include, [...seen, key]));
    }
  }
  return out;
}

// src/shell-words.ts
var ShellWordsError = class extends Error {
  name = "ShellWordsError";
};
function splitShellWords(text5) {
  const words2 = [];
  let word = "";
  let inWord = false;
  let i = 0;
  while (i < text5.length) {
    const ch = text5.charAt(i);
    if (ch === "'") {
      const end = text5.indexOf("'", i + 1);
      if (end === -1) throw new ShellWordsError(`unterminated single quote at position ${i + 1}`);
      word += text5.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i += 1;
      let closed = false;
      while (i < text5.length) {
        const c = text5.charAt(i);
        if (c === '"') {
          closed = true;
          i += 1;
          break;
        }
        if (c === "\\" && i + 1 < text5.length && '"\\$`\n'.includes(text5.charAt(i + 1))) {
          if (text5.charAt(i + 1) !== "\n") word += text5.charAt(i + 1);
          i += 2;
          continue;
        }
        word += c;
        i += 1;
      }
      if (!closed) throw new ShellWordsError("unterminated double quote");
      inWord = true;
    } else if (ch === "\\") {
      if (i + 1 >= text5.length) throw new ShellWordsError("trailing backslash");
      const next = text5.charAt(i + 1);
      if (next !== "\n") {
        word += next;
        inWord = true;
      }
      i += 2;
    } else if (/\s/.test(ch)) {
      if (inWord) words2.push(word);
      word = "";
      inWord = false;
      i += 1;
    } else {
      word += ch;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) words2.push(word);
  return words2;
}

// src/version-spec.ts
var import_semver = __toESM(require_semver(), 1);
var PEP440_CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*v?(\d+(?:\.\d+)*)(\.\*)?(?:(a|b|rc)(\d+))?$/;
function toSemver(version2) {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-?(a|b|rc|alpha|beta)\.?(\d+))?$/.exec(
    version2.trim()
  );
  if (!m) return null;
  const [, major, minor = "0", patch = "0", pre, preNum] = m;
  const tag = pre === "alpha" ? "a" : pre === "beta" ? "b" : pre;
  return `${major}.${minor}.${patch}${tag ? `-${tag}.${preNum}` : ""}`;
}
function release(version2) {
  return version2.split(".").map((p) => Number.parseInt(p, 10));
}
function compareRelease(a, b) {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
function prefixMatch(version2, prefix) {
  return prefix.every((p, i) => (version2[i] ?? 0) === p);
}
function pep440Clause(text5) {
  const m = PEP440_CLAUSE.exec(text5.trim());
  if (!m) return null;
  const [, op, ver = "", star] = m;
  const spec = release(ver);
  if (star && op !== "==" && op !== "!=") return null;
  switch (op) {
    case "==":
    case "===":
      return star ? (v) => prefixMatch(v, spec) : (v) => compareRelease(v, spec) === 0;
    case "!=":
      return star ? (v) => !prefixMatch(v, spec) : (v) => compareRelease(v, spec) !== 0;
    case "<=":
      return (v) => compareRelease(v, spec) <= 0;
    case ">=":
      return (v) => compareRelease(v, spec) >= 0;
    case "<":
      return (v) => compareRelease(v, spec) < 0;
    case ">":
      return (v) => compareRelease(v, spec) > 0;
    case "~=": {
      if (spec.length < 2) return null;
      const prefix = spec.slice(0, -1);
      return (v) => compareRelease(v, spec) >= 0 && prefixMatch(v, prefix);
    }
    default:
      return null;
  }
}
function parsePep440(text5) {
  const parts = text5.split(",").map((p) => p.trim());
  if (parts.some((p) => p === "")) return null;
  const clauses = parts.map(pep440Clause);
  if (clauses.some((c) => c === null)) return null;
  return (v) => clauses.every((c) => c?.(v));
}
function parseVersionSpec(text5, source) {
  const trimmed = text5.trim();
  if (trimmed === "") return null;
  const allowPrerelease = /\d(-?(a|b|rc|alpha|beta)\.?\d+)/.test(trimmed);
  const pep440 = /[<>=!~]/.test(trimmed) ? parsePep440(trimmed) : null;
  if (pep440) {
    return {
      text: trimmed,
      source,
      allowPrerelease,
      matches: (version2) => {
        const sv = import_semver.default.parse(toSemver(version2) ?? "");
        if (!sv) return false;
        if (sv.prerelease.length > 0 && !allowPrerelease) return false;
        return pep440([sv.major, sv.minor, sv.patch]);
      }
    };
  }
  const asVersion = toSemver(trimmed);
  const range = /^\d+$/.test(trimmed) ? `${trimmed}.x` : /^\d+\.\d+$/.test(trimmed) ? `~${trimmed}.0` : asVersion && /^\d/.test(trimmed) ? asVersion : trimmed;
  if (import_semver.default.validRange(range) === null) return null;
  return {
    text: trimmed,
    source,
    allowPrerelease,
    matches: (version2) => {
      const sv = toSemver(version2);
      if (!sv) return false;
      return import_semver.default.satisfies(sv, range, { includePrerelease: allowPrerelease });
    }
  };
}
function highestMatch(spec, versions) {
  let best;
  for (const v of versions) {
    if (!spec.matches(v)) continue;
    if (best === void 0 || import_semver.default.gt(toSemver(v) ?? "0.0.0", toSemver(best) ?? "0.0.0")) best = v;
  }
  return best;
}
function versionFromFile(fileName, content, toml) {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (base.endsWith(".toml")) {
    const project = toml?.project;
    const requires = project?.["requires-python"];
    if (typeof requires === "string") return requires;
    const tool = toml?.tool;
    const poetry = tool?.poetry;
    const deps = poetry?.dependencies;
    const py = deps?.python;
    return typeof py === "string" ? poetryToPep440(py) : null;
  }
  const lines = content.split(/\r?\n/).map((l) => l.replace(/#.*$/, "").trim()).filter((l) => l !== "");
  if (base === ".tool-versions") {
    const line = lines.find((l) => /^python\s/.test(l));
    return line ? line.split(/\s+/)[1] ?? null : null;
  }
  return lines[0] ?? null;
}
function poetryToPep440(spec) {
  const caret = /^\^(\d+)(?:\.(\d+))?/.exec(spec);
  if (caret) return `>=${caret[1]}.${caret[2] ?? 0},<${Number(caret[1]) + 1}`;
  const tilde = /^~(\d+)\.(\d+)/.exec(spec);
  if (tilde) return `>=${tilde[1]}.${tilde[2]},<${tilde[1]}.${Number(tilde[2]) + 1}`;
  return spec;
}

// src/workspace-path.ts
var import_node_fs2 = __toESM(require_node_fs(), 1);
var import_node_path2 = __toESM(require_node_path(), 1);
function realLocation(file) {
  const rest = [];
  let at = import_node_path2.default.resolve(file);
  for (; ; ) {
    try {
      return import_node_path2.default.join((0, import_node_fs2.realpathSync)(at), ...rest);
    } catch {
      const parent = import_node_path2.default.dirname(at);
      if (parent === at) return import_node_path2.default.resolve(file);
      rest.unshift(import_node_path2.default.basename(at));
      at = parent;
    }
  }
}
function isLink(file) {
  try {
    return (0, import_node_fs2.lstatSync)(file).isSymbolicLink();
  } catch {
    return false;
  }
}
function isInside(root, file) {
  const relative = import_node_path2.default.relative(root, file);
  return relative === "" || !(relative === ".." || relative.startsWith(`..${import_node_path2.default.sep}`) || import_node_path2.default.isAbsolute(relative));
}
function outsideWorkspace(workspace, file) {
  if (!isInside(workspace, import_node_path2.default.resolve(file))) return `is outside the workspace (${workspace})`;
  if (!isInside(realLocation(workspace), realLocation(file)))
    return `leads outside the workspace (${workspace}) through a symbolic link`;
  return void 0;
}

// src/config.ts
var ARTIFACT_NAME_FORBIDDEN = /["<>|*?\r\n\\/:]/;
var PUBLISH_MODES = ["auto", "true", "false"];
function parseTagPattern(text5) {
  const first = text5.search(/[*?[]/);
  if (first === -1) return void 0;
  let source = "";
  for (let i = 0; i < text5.length; i++) {
    const char = text5[i] ?? "";
    if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "[") {
      const end = text5.indexOf("]", i + 2);
      if (end === -1) return void 0;
      const body = text5.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\");
      source += `[${body}]`;
      i = end;
    } else source += char.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return { text: text5, prefix: text5.slice(0, first), regex: new RegExp(`^${source}$`) };
}
var COMMENT_ID_PATTERN = /^(?!.*--)[A-Za-z0-9._+=:@,/-](?:[A-Za-z0-9 ._+=:@,/-]{0,98}[A-Za-z0-9._+=:@,/-])?$/;
var COMMENT_MODES = ["auto", "always", "on-change", "off"];
var CACHE_MODES = ["auto", "true", "false"];
var DEFAULT_DEPENDENCY_PATTERNS = [
  // Every name `install: auto` takes (test-requirements.txt, requirements/tests.txt, …).
  "**/*requirements*.txt",
  "**/requirements/*.txt",
  "**/constraints*.txt",
  "pyproject.toml",
  "setup.cfg",
  "setup.py",
  "poetry.lock",
  "uv.lock",
  "pdm.lock"
];
var ConfigError = class extends Error {
  name = "ConfigError";
};
var INPUT_DEFAULTS = {
  mode: "test",
  "python-version": "",
  "python-version-file": "",
  architecture: "",
  "working-directory": ".",
  install: "auto",
  "pip-args": "",
  "system-site-packages": "false",
  build: "true",
  "build-isolation": "true",
  test: "true",
  "pytest-args": "",
  "coverage-source": "",
  "subprocess-coverage": "true",
  "fail-on-test-failure": "true",
  "allow-no-tests": "false",
  "test-timeout": "",
  cache: "auto",
  "cache-dependency-path": "",
  "cache-suffix": "",
  "python-manifest-url": "https://raw.githubusercontent.com/actions/python-versions/main/versions-manifest.json",
  "dists-artifact": "auto",
  publish: "auto",
  "repository-url": "https://upload.pypi.org/legacy/",
  "pypi-token": "",
  "skip-existing": "false",
  "verify-metadata": "true",
  "tag-pattern": "v*",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: action.yml's expression, verbatim
  "github-token": "${{ github.token }}",
  comment: "auto",
  "comment-id": "",
  "comment-from-run": "",
  "fail-under": "",
  "fail-under-diff": "",
  "max-coverage-drop": "",
  "annotate-uncovered": "true",
  "diff-base": "",
  "history-window": "20",
  lint: "auto"
};
var ACTION_MODES = ["test", "publish"];
var ARCHITECTURES = ["x64", "x86", "arm64"];
function runnerArchitecture(arch2 = process.arch) {
  return arch2 === "arm64" ? "arm64" : arch2 === "ia32" ? "x86" : "x64";
}
var show = (value2) => JSON.stringify(value2);
function excerpt(text5) {
  const first = text5.split(/[\r\n\u0000]/)[0] ?? "";
  const printable = first.replace(/[^\x20-\x7e]/g, "?");
  return JSON.stringify(printable.length > 40 ? `${printable.slice(0, 40)}\u2026` : printable);
}
function bool(read, name) {
  const raw = value(read, name);
  if (/^(true|True|TRUE)$/.test(raw)) return true;
  if (/^(false|False|FALSE)$/.test(raw)) return false;
  throw new ConfigError(`${name}: ${show(raw)} is not a boolean; use true or false`);
}
function value(read, name) {
  const raw = read(name).trim();
  return raw === "" ? INPUT_DEFAULTS[name] : raw;
}
function words(read, name, example) {
  const raw = value(read, name);
  try {
    return splitShellWords(raw);
  } catch (error) {
    const reason = error instanceof ShellWordsError ? error.message : String(error);
    throw new ConfigError(
      `${name}: ${show(raw)} cannot be split into arguments (${reason}); quote as in a POSIX shell, e.g. ${example}`
    );
  }
}
function versionSpec(read, ctx, workingDirectory2, project) {
  const warnings = [];
  const input = value(read, "python-version");
  const file = value(read, "python-version-file");
  if (input !== "") {
    if (file !== "")
      warnings.push("python-version and python-version-file are both set; python-version wins");
    if (/\n/.test(input)) {
      throw new ConfigError(
        `python-version: ${show(input)} lists several versions; this action sets up one per job, so use a matrix`
      );
    }
    return { spec: parsePythonVersion(input, "python-version", "python-version"), warnings };
  }
  if (file !== "") {
    const resolved = import_node_path3.default.resolve(ctx.workspace, file);
    const outside = outsideWorkspace(ctx.workspace, resolved);
    if (outside !== void 0) {
      throw new ConfigError(
        `python-version-file: ${show(file)} ${outside}; accepted: a file inside the workspace, relative to it, e.g. .python-version or pyproject.toml`
      );
    }
    if (!(0, import_node_fs3.existsSync)(resolved) || !(0, import_node_fs3.statSync)(resolved).isFile()) {
      throw new ConfigError(
        `python-version-file: ${show(file)} does not exist (looked at ${resolved}); give a path relative to the workspace, e.g. .python-version or pyproject.toml`
      );
    }
    const text5 = readVersionFile(resolved, `python-version-file: ${show(file)}`);
    if (text5 === null) {
      throw new ConfigError(
        `python-version-file: ${show(file)} holds no Python version; accepted: .python-version, .tool-versions ("python 3.12"), pyproject.toml (requires-python) or a file with a version on its first line`
      );
    }
    return {
      spec: parsePythonVersion(
        text5,
        "python-version-file",
        `python-version-file (${file})`,
        excerpt(text5)
      ),
      warnings
    };
  }
  const dotfile = [workingDirectory2, ctx.workspace].map((d) => import_node_path3.default.join(d, ".python-version")).find((f) => (0, import_node_fs3.existsSync)(f) && (0, import_node_fs3.statSync)(f).isFile());
  if (dotfile) {
    const outside = outsideWorkspace(ctx.workspace, dotfile);
    if (outside !== void 0) {
      throw new ConfigError(
        `.python-version: ${show(dotfile)} ${outside}; accepted: a file inside the workspace holding the version, or the python-version input`
      );
    }
    const text5 = readVersionFile(dotfile, show(dotfile));
    if (text5 !== null)
      return {
        spec: parsePythonVersion(text5, ".python-version", dotfile, excerpt(text5)),
        warnings
      };
  }
  if (project.requiresPython) {
    return {
      spec: parsePythonVersion(
        project.requiresPython,
        "requires-python",
        "pyproject.toml requires-python",
        excerpt(project.requiresPython)
      ),
      warnings
    };
  }
  return { spec: void 0, warnings };
}
function readVersionFile(file, what) {
  const content = (0, import_node_fs3.readFileSync)(file, "utf8");
  if (file.endsWith(".toml")) {
    try {
      return versionFromFile(file, content, parse(content));
    } catch (error) {
      throw new ConfigError(`${what} is not valid TOML (${errorMessage(error).split("\n")[0]})`);
    }
  }
  return versionFromFile(file, content);
}
function parsePythonVersion(text5, source, where, shown = show(text5)) {
  const accepted = "accepted: a version (3.12, 3.12.4, 3.x, 3.14.0-rc.1) or a range (>=3.10, >=3.10,<3.13)";
  const other = /^(pypy|graalpy)/i.exec(text5)?.[1];
  if (other !== void 0) {
    throw new ConfigError(
      `${where}: ${shown} asks for ${other}, which this action does not set up; CPython only, ${accepted}`
    );
  }
  if (/^\d+(\.\d+)*t$/.test(text5)) {
    throw new ConfigError(
      `${where}: ${shown} asks for a free-threaded build, which this action does not set up yet; ${accepted}`
    );
  }
  const spec = parseVersionSpec(text5, source);
  if (!spec) throw new ConfigError(`${where}: ${shown} is not a Python version; ${accepted}`);
  if (/[<>=!~^]/.test(text5)) {
    if (!admitsPython3(spec)) {
      throw new ConfigError(`${where}: ${shown} matches no Python 3 version; ${accepted}`);
    }
  } else if (/\d+/.exec(text5)?.[0] !== "3") {
    throw new ConfigError(`${where}: ${shown} is not a Python 3 version; ${accepted}`);
  } else if (!spec.allowPrerelease && !admitsPython3(spec)) {
    throw new ConfigError(`${where}: ${shown} matches no Python 3 version; ${accepted}`);
  }
  return spec;
}
function admitsPython3(spec) {
  for (let minor = 0; minor <= 50; minor++) {
    for (let patch = 0; patch <= 50; patch++) {
      if (spec.matches(`3.${minor}.${patch}`)) return true;
    }
  }
  return false;
}
function architecture(read, ctx) {
  const raw = value(read, "architecture");
  if (raw === "") return ctx.defaultArchitecture;
  const lower = raw.toLowerCase();
  const found = ARCHITECTURES.find((a) => a === lower);
  if (!found) {
    throw new ConfigError(
      `architecture: ${show(raw)} is not known; accepted: ${ARCHITECTURES.join(", ")}`
    );
  }
  return found;
}
function workingDirectory(read, ctx) {
  const raw = value(read, "working-directory");
  const dir = import_node_path3.default.resolve(ctx.workspace, raw);
  const outside = outsideWorkspace(ctx.workspace, dir);
  if (outside !== void 0) {
    throw new ConfigError(
      `working-directory: ${show(raw)} ${outside}; accepted: the Python project's folder inside the workspace, relative to it`
    );
  }
  if (!(0, import_node_fs3.existsSync)(dir)) {
    throw new ConfigError(
      `working-directory: ${show(raw)} does not exist (looked at ${dir}); give the Python project's folder, relative to the workspace`
    );
  }
  if (!(0, import_node_fs3.statSync)(dir).isDirectory()) {
    throw new ConfigError(
      `working-directory: ${show(raw)} is a file, not a folder; give the folder that holds pyproject.toml or setup.py`
    );
  }
  const projectFiles = ["pyproject.toml", "setup.py", "setup.cfg"];
  if (!projectFiles.some((f) => (0, import_node_fs3.existsSync)(import_node_path3.default.join(dir, f)))) {
    throw new ConfigError(
      `working-directory: ${show(raw)} holds no pyproject.toml, setup.py or setup.cfg; point it at the Python project`
    );
  }
  for (const name of projectFiles) {
    const file = import_node_path3.default.join(dir, name);
    const why = isLink(file) ? outsideWorkspace(ctx.workspace, file) : void 0;
    if (why !== void 0) {
      throw new ConfigError(
        `working-directory: ${show(raw)} holds ${name}, which ${why}; accepted: the project's own files, inside the workspace`
      );
    }
  }
  return dir;
}
var INSTALL_ACCEPTED = "accepted: auto, none, extra:NAME, group:NAME, requirements:PATH (separated by spaces, commas or new lines)";
function installPlan(read, workspace, dir, project) {
  const raw = value(read, "install");
  const entries = raw.split(/[\s,]+/).filter((e) => e !== "");
  const plan = {
    none: false,
    auto: false,
    extras: [],
    groups: [],
    requirements: []
  };
  for (const entry of entries) {
    const m = /^(extra|group|requirements):(.*)$/.exec(entry);
    if (entry === "auto") plan.auto = true;
    else if (entry === "none") plan.none = true;
    else if (!m)
      throw new ConfigError(`install: ${show(entry)} is not understood; ${INSTALL_ACCEPTED}`);
    else {
      const [, kind, arg = ""] = m;
      if (arg === "")
        throw new ConfigError(
          `install: ${show(entry)} names nothing after '${kind}:'; ${INSTALL_ACCEPTED}`
        );
      if (kind === "extra") {
        if (!/^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(arg)) {
          throw new ConfigError(
            `install: ${show(entry)} is not a valid extra name; extras are letters, digits, '-', '_' and '.'`
          );
        }
        if (project.extras && !project.extras.includes(normalizeName(arg))) {
          const known = project.extras.length ? project.extras.join(", ") : "none";
          throw new ConfigError(
            `install: ${show(entry)} names an extra that pyproject.toml does not declare; declared extras: ${known}`
          );
        }
        plan.extras.push(arg);
      } else if (kind === "group") {
        const known = declaredGroups(project);
        if (!known.includes(normalizeName(arg))) {
          throw new ConfigError(
            `install: ${show(entry)} names a dependency group that pyproject.toml does not declare (in [dependency-groups], [tool.poetry.group.NAME] or [tool.pdm.dev-dependencies]); declared groups: ${known.length ? known.join(", ") : "none"}`
          );
        }
        plan.groups.push(arg);
      } else {
        const file = import_node_path3.default.resolve(dir, arg);
        const outside = outsideWorkspace(workspace, file);
        if (outside !== void 0) {
          throw new ConfigError(
            `install: ${show(entry)} names a requirements file that ${outside}; accepted: a file inside the workspace, relative to working-directory`
          );
        }
        if (!(0, import_node_fs3.existsSync)(file) || !(0, import_node_fs3.statSync)(file).isFile()) {
          throw new ConfigError(
            `install: ${show(entry)} names a requirements file that does not exist (looked at ${file}); paths are relative to working-directory`
          );
        }
        plan.requirements.push(file);
      }
    }
  }
  if (plan.none && entries.length > 1) {
    throw new ConfigError(
      `install: ${show(raw)} combines 'none' with other entries; use 'none' alone to install only the project`
    );
  }
  if (entries.length === 0) plan.auto = true;
  return plan;
}
function coverageSource(read, workspace, dir) {
  const raw = value(read, "coverage-source");
  const entries = raw.split(/[\s,]+/).filter((e) => e !== "");
  for (const e of entries) {
    if (!/^[A-Za-z0-9_./-]+$/.test(e)) {
      throw new ConfigError(
        `coverage-source: ${show(e)} is neither an import name nor a path; give packages or folders separated by commas, e.g. mypkg,src/other`
      );
    }
    const outside = /[/]|^\./.test(e) ? outsideWorkspace(workspace, import_node_path3.default.resolve(dir, e)) : void 0;
    if (outside !== void 0) {
      throw new ConfigError(
        `coverage-source: ${show(e)} ${outside}; accepted: import names, or folders inside the workspace relative to working-directory, e.g. mypkg,src/other`
      );
    }
  }
  return entries;
}
var OWNED_PYTEST_OPTIONS = [
  [/^--junit-?xml(=|$)/, "the action writes the JUnit report itself (see the report-path output)"],
  [
    /^--cov(-|=|$)/,
    "the action measures coverage itself; use the coverage-source input or [tool.coverage.run]"
  ],
  [/^--no-cov$/, "the action measures coverage itself; set test: false to skip tests"]
];
function pytestArgs(read) {
  const args = words(read, "pytest-args", '-k "not slow"');
  for (const arg of args) {
    for (const [pattern, why] of OWNED_PYTEST_OPTIONS) {
      if (pattern.test(arg))
        throw new ConfigError(`pytest-args: ${show(arg)} is not accepted: ${why}`);
    }
  }
  return args;
}
function manifestUrl(read) {
  const raw = value(read, "python-manifest-url");
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `python-manifest-url: ${show(raw)} is not a URL; give an https:// URL of a versions-manifest.json`
    );
  }
  return secureUrl(
    "python-manifest-url",
    raw,
    url,
    "the interpreter and its setup.sh would arrive unverified"
  );
}
function isLoopback(hostname) {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
function repositoryUrl(read) {
  const raw = value(read, "repository-url");
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `repository-url: ${show(raw)} is not a URL; give the index's upload URL, e.g. https://upload.pypi.org/legacy/ or https://test.pypi.org/legacy/`
    );
  }
  if (url.username !== "" || url.password !== "") {
    const shown = `${url.protocol}//***@${url.host}${url.pathname}`;
    throw new ConfigError(
      `repository-url: ${show(shown)} holds a user name or password; give the URL alone and the token as pypi-token (or use Trusted Publishing)`
    );
  }
  return secureUrl("repository-url", raw, url, "the token would travel in clear text");
}
var SECURE_URLS = "an https:// URL (http:// only for 127.0.0.0/8, ::1 or localhost)";
function insecureUrl(url, risk) {
  if (url.protocol === "https:") return void 0;
  if (url.protocol === "http:" && isLoopback(url.hostname)) return void 0;
  return url.protocol === "http:" ? `is http:// on a host that is not loopback, so ${risk}` : `uses ${url.protocol}`;
}
function secureUrl(input, raw, url, risk) {
  const why = insecureUrl(url, risk);
  if (why === void 0) return url.toString();
  throw new ConfigError(`${input}: ${show(raw)} ${why}; accepted: ${SECURE_URLS}`);
}
function publishSettings(read, warnings) {
  const rawMode = value(read, "publish");
  const mode = PUBLISH_MODES.find((m) => m === rawMode.toLowerCase());
  if (!mode) {
    throw new ConfigError(
      `publish: ${show(rawMode)} is not understood; accepted: auto (on tag pushes and published releases), true or false`
    );
  }
  const pattern = value(read, "tag-pattern");
  let tagPattern;
  try {
    tagPattern = /\s/.test(pattern) ? void 0 : parseTagPattern(pattern);
  } catch (error) {
    const why = /: ([^:/]+)$/.exec(errorMessage(error))?.[1]?.toLowerCase() ?? "not valid";
    throw new ConfigError(
      `tag-pattern: ${show(pattern)} has a [...] class that cannot match (${why}); accepted: a tag glob with * ? or [...] classes such as [0-9], e.g. v* (v1.2.3 -> 1.2.3)`
    );
  }
  if (!tagPattern) {
    throw new ConfigError(
      `tag-pattern: ${show(pattern)} is not a tag glob with a wildcard; the version is what follows the literal prefix, e.g. v* (v1.2.3 -> 1.2.3) or release-* (release-1.2.3 -> 1.2.3)`
    );
  }
  const token = read("pypi-token").trim();
  if (token !== "" && !token.startsWith("pypi-")) {
    warnings.push(
      'pypi-token does not start with "pypi-", as PyPI API tokens do; the upload will likely be refused'
    );
  }
  return {
    mode,
    repositoryUrl: repositoryUrl(read),
    token: token === "" ? void 0 : token,
    skipExisting: bool(read, "skip-existing"),
    verifyMetadata: bool(read, "verify-metadata"),
    tagPattern
  };
}
function cacheSettings(read, ctx, dir) {
  const rawMode = value(read, "cache");
  const mode = CACHE_MODES.find((m) => m === rawMode.toLowerCase());
  if (!mode) {
    throw new ConfigError(
      `cache: ${show(rawMode)} is not understood; accepted: auto (on, except for releases, tag pushes, pull_request_target and workflow_run), true or false`
    );
  }
  const suffix = value(read, "cache-suffix");
  if (!/^[A-Za-z0-9._-]{0,100}$/.test(suffix)) {
    throw new ConfigError(
      `cache-suffix: ${show(suffix)} holds characters a cache key should not; accepted: up to 100 letters, digits, '.', '_' and '-'`
    );
  }
  const given = value(read, "cache-dependency-path").split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
  const patterns = [];
  for (const pattern of given) {
    const negated = pattern.startsWith("!");
    const absolute = import_node_path3.default.resolve(ctx.workspace, negated ? pattern.slice(1) : pattern);
    const fixed = absolute.split(/[*?[{]/)[0] ?? absolute;
    const outside = outsideWorkspace(
      ctx.workspace,
      fixed === absolute ? absolute : import_node_path3.default.dirname(`${fixed}x`)
    );
    if (outside !== void 0) {
      throw new ConfigError(
        `cache-dependency-path: ${show(pattern)} ${outside}; only files inside it are hashed, so give globs relative to it, e.g. requirements/*.txt`
      );
    }
    patterns.push(`${negated ? "!" : ""}${absolute}`);
  }
  return {
    mode,
    dependencyPatterns: patterns.length ? patterns : DEFAULT_DEPENDENCY_PATTERNS.map((p) => import_node_path3.default.join(dir, p)),
    suffix
  };
}
function distsArtifact(read) {
  const raw = value(read, "dists-artifact");
  if (/^(false|False|FALSE)$/.test(raw)) return false;
  if (raw === "auto") return "auto";
  const bad = ARTIFACT_NAME_FORBIDDEN.exec(raw);
  if (bad) {
    throw new ConfigError(
      `dists-artifact: ${show(raw)} holds ${show(bad[0])}, which artifact names cannot; accepted: auto, false, or a name without " : < > | * ? \\ / or line breaks`
    );
  }
  return raw;
}
function commentSettings(read) {
  const rawMode = value(read, "comment");
  const mode = COMMENT_MODES.find((m) => m === rawMode.toLowerCase());
  if (!mode) {
    throw new ConfigError(
      `comment: ${show(rawMode)} is not understood; accepted: auto (on pull_request and pull_request_target events), always (also other events that name a pull request), on-change (like auto, but edits the comment only when the results changed) or off`
    );
  }
  const id = value(read, "comment-id");
  if (id !== "" && !COMMENT_ID_PATTERN.test(id)) {
    throw new ConfigError(
      `comment-id: ${show(id)} cannot go into the comment's hidden marker; accepted: up to 100 letters, digits, spaces and . _ - + = : @ , / (no "--"), e.g. py3.12-ubuntu`
    );
  }
  const fromRun = value(read, "comment-from-run");
  if (fromRun !== "" && !/^[1-9]\d{0,14}$/.test(fromRun)) {
    throw new ConfigError(
      `comment-from-run: ${show(fromRun)} is not a workflow run id; accepted: empty, or the id of a run of this repository, e.g. \${{ github.event.workflow_run.id }}`
    );
  }
  return { mode, id, ...fromRun !== "" && { fromRun: Number(fromRun) } };
}
function githubToken(read) {
  const token = read("github-token").trim();
  return token === "" || token === INPUT_DEFAULTS["github-token"] ? void 0 : token;
}
function percentage(read, name) {
  const raw = value(read, name);
  if (raw === "") return void 0;
  const number = /^\d+(\.\d+)?%?$/.test(raw) ? Number(raw.replace(/%$/, "")) : Number.NaN;
  if (!(number >= 0 && number <= 100)) {
    throw new ConfigError(
      `${name}: ${show(raw)} is not a percentage; give a number from 0 to 100, e.g. 80 or 92.5`
    );
  }
  return number;
}
function testTimeout(read) {
  const raw = value(read, "test-timeout");
  if (raw === "") return void 0;
  const number = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(number > 0 && number <= 360)) {
    throw new ConfigError(
      `test-timeout: ${show(raw)} is not a number of minutes; give a number over 0 and at most 360, e.g. 30 or 1.5, or leave it empty for no limit`
    );
  }
  return number;
}
function maxCoverageDrop(read) {
  const raw = value(read, "max-coverage-drop");
  if (raw === "") return void 0;
  const number = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(number >= 0 && number <= 100)) {
    throw new ConfigError(
      `max-coverage-drop: ${show(raw)} is not a number of percentage points; give a number from 0 to 100, e.g. 0 (no drop at all) or 0.5`
    );
  }
  return number;
}
function diffBase(read) {
  const raw = value(read, "diff-base");
  if (raw === "") return void 0;
  const bad = /^-|\.\.|@\{|[\s:?*[\\]|[\u0000-\u001f\u007f]|\/$|\.lock$|\.$/;
  if (bad.test(raw)) {
    throw new ConfigError(
      `diff-base: ${show(raw)} is not a git ref or commit; accepted: a branch, tag or sha, e.g. origin/main or 1a2b3c4`
    );
  }
  return raw;
}
function lintSetting(read) {
  const raw = value(read, "lint");
  const lower = raw.toLowerCase();
  if (lower === "auto" || lower === "true") return true;
  if (lower === "false") return false;
  throw new ConfigError(
    `lint: ${show(raw)} is not understood; accepted: auto (flake8's finding count when the environment has flake8; it is never installed) or false`
  );
}
function historyWindow(read) {
  const raw = value(read, "history-window");
  const number = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(number >= 0 && number <= 100)) {
    throw new ConfigError(
      `history-window: ${show(raw)} is not a whole number from 0 to 100; accepted: how many of the newest completed runs to count, e.g. 20, or 0 for no success rate`
    );
  }
  return number;
}
function repoPrefix(workspace, dir) {
  const relative = import_node_path3.default.relative(workspace, dir).split(import_node_path3.default.sep).join("/");
  return relative.startsWith("..") || import_node_path3.default.isAbsolute(relative) ? "" : relative;
}
function deepFreeze(obj) {
  if (obj && typeof obj === "object" && !Object.isFrozen(obj)) {
    Object.freeze(obj);
    for (const v of Object.values(obj)) deepFreeze(v);
  }
  return obj;
}
function loadConfig(read, ctx) {
  const dir = workingDirectory(read, ctx);
  let project;
  try {
    project = readProject(dir);
  } catch (error) {
    if (error instanceof ProjectError) throw new ConfigError(`working-directory: ${error.message}`);
    throw error;
  }
  const { spec, warnings } = versionSpec(read, ctx, dir, project);
  const config = {
    pythonSpec: spec,
    architecture: architecture(read, ctx),
    workingDirectory: dir,
    repoPrefix: repoPrefix(ctx.workspace, dir),
    project,
    install: installPlan(read, ctx.workspace, dir, project),
    pipArgs: words(read, "pip-args", '--extra-index-url "https://example.org/simple"'),
    systemSitePackages: bool(read, "system-site-packages"),
    build: bool(read, "build"),
    buildIsolation: bool(read, "build-isolation"),
    test: bool(read, "test"),
    pytestArgs: pytestArgs(read),
    coverageSource: coverageSource(read, ctx.workspace, dir),
    subprocessCoverage: bool(read, "subprocess-coverage"),
    failOnTestFailure: bool(read, "fail-on-test-failure"),
    allowNoTests: bool(read, "allow-no-tests"),
    testTimeoutMinutes: testTimeout(read),
    pythonManifestUrl: manifestUrl(read),
    distsArtifact: distsArtifact(read),
    cache: cacheSettings(read, ctx, dir),
    publish: publishSettings(read, warnings),
    comment: commentSettings(read),
    githubToken: githubToken(read),
    failUnder: percentage(read, "fail-under"),
    failUnderDiff: percentage(read, "fail-under-diff"),
    maxCoverageDrop: maxCoverageDrop(read),
    annotateUncovered: bool(read, "annotate-uncovered"),
    diffBase: diffBase(read),
    historyWindow: historyWindow(read),
    lint: lintSetting(read)
  };
  if (!config.build && !config.test)
    warnings.push("build and test are both false; only Python and the install run");
  return { config: deepFreeze(config), warnings };
}
function actionMode(read) {
  const raw = value(read, "mode");
  const mode = ACTION_MODES.find((m) => m === raw.toLowerCase());
  if (!mode) {
    throw new ConfigError(
      `mode: ${show(raw)} is not understood; accepted: test (set up, install, build and test the project) or publish (upload the dists artifact of this run's test job)`
    );
  }
  return mode;
}
function loadPublishJobConfig(read, ctx) {
  const warnings = [];
  const version2 = value(read, "python-version");
  const artifact = distsArtifact(read);
  if (artifact === false) {
    throw new ConfigError(
      'dists-artifact: "false" leaves mode: publish nothing to publish; accepted: auto (the only dists-* artifact of this run) or the name the test job gave as its dists-artifact output'
    );
  }
  const config = {
    pythonSpec: version2 === "" ? void 0 : parsePythonVersion(version2, "python-version", "python-version"),
    architecture: architecture(read, ctx),
    pythonManifestUrl: manifestUrl(read),
    pipArgs: words(read, "pip-args", '--extra-index-url "https://example.org/simple"'),
    distsArtifact: artifact,
    publish: publishSettings(read, warnings)
  };
  return { config: deepFreeze(config), warnings };
}

// src/process.ts
var import_node_child_process = __toESM(require_node_child_process(), 1);
var import_node_os = __toESM(require_node_os(), 1);
var TERM_GRACE_MS = 3e3;
var DRAIN_MS = 300;
var TIMEOUT_GRACE_MS = 1e4;
function signalNumber(signal) {
  return import_node_os.constants.signals[signal];
}
function describeExit(name, result) {
  if (result.signal !== void 0) {
    const number = signalNumber(result.signal);
    return `${name} was killed by ${result.signal}${number === void 0 ? "" : ` (signal ${number})`}`;
  }
  const code = result.code;
  const byShell = code > 128 && code < 128 + 65 ? Object.entries(import_node_os.constants.signals).find(([, n]) => n === code - 128)?.[0] : void 0;
  return byShell ? `${name} exited ${code}, as a shell does when its command is killed by ${byShell} (signal ${code - 128})` : `${name} exited ${code}`;
}
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
function endGroup(pgid, graceMs) {
  if (signalGroup(pgid, "SIGTERM")) setTimeout(() => signalGroup(pgid, "SIGKILL"), graceMs);
}
function lineSplitter(emit) {
  let partial = "";
  return {
    push(text5) {
      const parts = (partial + text5).split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) emit(line.endsWith("\r") ? line.slice(0, -1) : line);
    },
    flush() {
      if (partial !== "") emit(partial);
      partial = "";
    }
  };
}
var SpawnRunner = class {
  live = /* @__PURE__ */ new Set();
  cancelled = false;
  run(command, args, options = {}) {
    const started = performance.now();
    if (this.cancelled) {
      const message = `${command} was not started: the step is being cancelled
`;
      return Promise.resolve({
        code: 130,
        stdout: "",
        stderr: message,
        output: message,
        durationMs: 0
      });
    }
    return new Promise((resolve) => {
      const stdout = [];
      const stderr = [];
      const output = [];
      const child = (0, import_node_child_process.spawn)(command, [...args], {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ["ignore", "pipe", "pipe"],
        // A process group of its own; on Windows detached means a console of its own instead.
        detached: process.platform !== "win32"
      });
      this.live.add(child);
      child.stdout.setEncoding("utf8");
      child.stderr.setEncoding("utf8");
      const onLine = options.onLine;
      const splitters = onLine ? [lineSplitter(onLine), lineSplitter(onLine)] : [];
      const collect = (into, index) => (text5) => {
        into.push(text5);
        output.push(text5);
        options.onOutput?.(text5);
        splitters[index]?.push(text5);
      };
      child.stdout.on("data", collect(stdout, 0));
      child.stderr.on("data", collect(stderr, 1));
      let timedOut = false;
      let killTimer;
      const timeout = options.timeoutMs === void 0 ? void 0 : setTimeout(() => {
        timedOut = true;
        const pgid = child.pid;
        if (pgid === void 0) return;
        signalGroup(pgid, "SIGTERM");
        killTimer = setTimeout(() => signalGroup(pgid, "SIGKILL"), TIMEOUT_GRACE_MS);
      }, options.timeoutMs);
      let spawnError;
      let done = false;
      const finish = (code, signal) => {
        if (done) return;
        done = true;
        clearTimeout(timeout);
        clearTimeout(killTimer);
        this.live.delete(child);
        child.stdout.destroy();
        child.stderr.destroy();
        for (const s of splitters) s.flush();
        const failure = spawnError ? `${command}: ${spawnError.message}
` : "";
        const killed = signal ? `${describeExit(command, { code: 0, signal })}
` : "";
        resolve({
          code: spawnError ? 127 : code ?? 128 + (signalNumber(signal ?? "") ?? 0),
          ...signal && { signal },
          ...timedOut && { timedOut },
          stdout: stdout.join(""),
          stderr: stderr.join("") + failure + killed,
          output: output.join("") + failure + killed,
          durationMs: performance.now() - started
        });
      };
      child.on("error", (error) => {
        spawnError = error;
        if (child.pid === void 0) finish(null, null);
      });
      let open = 2;
      let exited;
      const closed = () => {
        open -= 1;
        if (open === 0) exited?.();
      };
      child.stdout.on("close", closed);
      child.stderr.on("close", closed);
      child.on("exit", (code, signal) => {
        if (child.pid !== void 0) endGroup(child.pid, TERM_GRACE_MS);
        exited = () => finish(code, signal);
        if (open === 0) return exited();
        setTimeout(exited, DRAIN_MS);
      });
    });
  }
  /**
   * Ends every group this runner started (SIGTERM, SIGKILL after the grace)
   * and starts nothing more: the step is being cancelled. Resolves when the
   * programs have exited, or after the grace.
   */
  async cancel(graceMs = TERM_GRACE_MS) {
    this.cancelled = true;
    const children = [...this.live];
    const exited = children.map(
      (child) => new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once("exit", () => resolve());
      })
    );
    for (const child of children) if (child.pid !== void 0) signalGroup(child.pid, "SIGTERM");
    let timer;
    await Promise.race([
      Promise.all(exited),
      new Promise((resolve) => {
        timer = setTimeout(resolve, graceMs);
      })
    ]);
    clearTimeout(timer);
    for (const child of children) if (child.pid !== void 0) signalGroup(child.pid, "SIGKILL");
  }
};
var COLOUR_CODES = /\x1b\[[0-9;]*[A-Za-z]/g;
function stripColour(text5) {
  return text5.replace(COLOUR_CODES, "");
}
function tail(text5, lines = 30) {
  const all = stripColour(text5).trimEnd().split("\n");
  return all.slice(-lines).join("\n");
}
var WRAPPER_LINES = [
  // pip's error codes: subprocess-exited-with-error, metadata-generation-failed, ...
  /^error: [a-z]+(-[a-z]+)+$/,
  /^note: /,
  /^hint: /,
  /^ERROR:? Backend subprocess exited/,
  /^ERROR: Failed (to build|building)/,
  /^ERROR: Could not build wheels/,
  /^ERROR: ResolutionImpossible/,
  /^[×│╰]/,
  /^\[end of output\]$/
];
var isWrapper = (line) => WRAPPER_LINES.some((w) => w.test(line));
var USAGE_ERROR = /^\S[^:]*: error: \S/;
var BACKEND_ERROR = /^(([A-Za-z_]\w*\.)*[A-Z]\w*(Error|Exception|Exit|Interrupt)(: .+)?|error: .+)$/;
function failureReason(output) {
  const lines = stripColour(output).split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const usage = lines.find((l) => USAGE_ERROR.test(l));
  if (usage !== void 0) return usage;
  const backend = lines.findLast((l) => BACKEND_ERROR.test(l) && !isWrapper(l));
  if (backend !== void 0) return backend;
  const blockEnd = lines.lastIndexOf("[end of output]");
  const blockLast = blockEnd > 0 ? lines[blockEnd - 1] : void 0;
  if (blockLast !== void 0 && !/lines of output\]$/.test(blockLast)) return blockLast;
  const isError = (l) => /^ERROR:?\s/.test(l);
  const index = lines.findLastIndex((l) => isError(l) && !isWrapper(l));
  if (index === -1) {
    const exited = lines.findLastIndex((l) => /^ERROR:? Backend subprocess exited/.test(l));
    const before = exited > 0 ? lines[exited - 1] : void 0;
    if (before !== void 0 && !/^(\*|running |ERROR)/.test(before)) return before;
    const error2 = lines.findLast(isError);
    if (error2 !== void 0) return error2.replace(/^ERROR:?\s+/, "");
    return lines.findLast((l) => !isWrapper(l)) ?? lines.at(-1);
  }
  const error = lines[index]?.replace(/^ERROR:?\s+/, "") ?? "";
  return error.endsWith(":") ? `${error} ${lines.slice(index + 1, index + 4).join(", ")}` : error;
}
function formatCommand(command, args) {
  return [command, ...args].map((arg) => arg.replace(/(\w+:\/\/)[^/\s@]+@/g, "$1***@")).map(
    (arg) => arg === "" || /[^\w@%+=:,./-]/.test(arg) ? `'${arg.replaceAll("'", `'\\''`)}'` : arg
  ).join(" ");
}

// src/progress.ts
var import_node_fs6 = __toESM(require_node_fs(), 1);

// src/test/outcomes.ts
var OUTCOMES_VARIABLE = "PYTHON_CI_PYTEST_OUTCOMES";
var OUTCOMES_PLUGIN = `
import json as _json
import os as _os

_outcomes = {"counts": {}, "tests": set(), "collection_errors": 0, "interrupted": None}
_config = []


def _count(category, report):
    if category and getattr(report, "count_towards_summary", True):
        counts = _outcomes["counts"]
        counts[category] = counts.get(category, 0) + 1


def pytest_configure(config):
    _config.append(config)


@pytest.hookimpl(trylast=True)
def pytest_collectreport(report):
    if report.failed:
        _outcomes["collection_errors"] += 1
        _count("error", report)
    elif report.skipped:
        _outcomes["tests"].add(report.nodeid)
        _count("skipped", report)


@pytest.hookimpl(trylast=True)
def pytest_runtest_logreport(report):
    status = _config[0].hook.pytest_report_teststatus(report=report, config=_config[0])
    if status:
        category = status[0]
    elif report.when != "call" and report.passed:
        category = ""
    elif report.when != "call" and report.failed:
        category = "error"
    else:
        category = report.outcome
    if category or report.when == "call":
        _outcomes["tests"].add(report.nodeid)
    _count(category, report)


def pytest_deselected(items):
    counts = _outcomes["counts"]
    counts["deselected"] = counts.get("deselected", 0) + len(items)


def pytest_keyboard_interrupt(excinfo):
    _outcomes["interrupted"] = "%s: %s" % (type(excinfo.value).__name__, excinfo.value)


def pytest_sessionfinish(session):
    # -x and --maxfail end the session without an interruption.
    stop = session.shouldfail or session.shouldstop
    if stop and not _outcomes["interrupted"]:
        _outcomes["interrupted"] = stop if isinstance(stop, str) else "stopped early"


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    path = _os.environ.get("${OUTCOMES_VARIABLE}")
    if not path or hasattr(config, "workerinput"):
        return
    with open(path, "w", encoding="utf-8") as f:
        _json.dump(dict(_outcomes, tests=len(_outcomes["tests"])), f)
`;
var OutcomesError = class extends Error {
  name = "OutcomesError";
};
function count(value2, what) {
  if (value2 === void 0) return 0;
  if (typeof value2 !== "number" || !Number.isInteger(value2) || value2 < 0)
    throw new OutcomesError(`${what} is not a count: ${JSON.stringify(value2)}`);
  return value2;
}
function parseOutcomes(text5) {
  let data;
  try {
    data = JSON.parse(text5);
  } catch {
    throw new OutcomesError(`not JSON: ${text5.slice(0, 80)}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw new OutcomesError("not a JSON object");
  const record2 = data;
  const counts = record2.counts ?? {};
  if (typeof counts !== "object" || counts === null) throw new OutcomesError("counts is no object");
  const interrupted = record2.interrupted;
  return {
    passed: count(counts.passed, "passed"),
    failed: count(counts.failed, "failed"),
    skipped: count(counts.skipped, "skipped"),
    xfailed: count(counts.xfailed, "xfailed"),
    xpassed: count(counts.xpassed, "xpassed"),
    errors: count(counts.error, "error"),
    collectionErrors: count(record2.collection_errors, "collection_errors"),
    tests: count(record2.tests, "tests"),
    ...typeof interrupted === "string" && interrupted !== "" && { interrupted }
  };
}
function withOutcomes(junit, outcomes) {
  return { ...junit, ...outcomes };
}

// src/test/run-tests.ts
var import_node_fs5 = __toESM(require_node_fs(), 1);
var import_node_path5 = __toESM(require_node_path(), 1);

// src/python/snippet.ts
var SnippetError = class extends Error {
  name = "SnippetError";
};
async function runSnippet(host, python, code, args, what, options = {}) {
  const { pythonArgs = [], ...run } = options;
  const result = await host.runner.run(python, [...pythonArgs, "-c", code, ...args], {
    env: host.env,
    ...run
  });
  if (result.code !== 0) {
    throw new SnippetError(
      `${what} failed: ${python} exited ${result.code}:
${tail(result.output, 15)}`
    );
  }
  const last = result.stdout.trimEnd().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last);
  } catch {
    throw new SnippetError(`${what} failed: ${python} printed no JSON:
${tail(result.output, 15)}`);
  }
}

// src/report/coverage.ts
var CoverageReportError = class extends Error {
  name = "CoverageReportError";
};
function parseCoverageJson(json, options) {
  let data;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const reason = errorMessage(error);
    throw new CoverageReportError(`coverage JSON report is not valid JSON: ${reason}`);
  }
  const root = object(data, "the coverage JSON report");
  const totals2 = summary(object(root.totals, '"totals"'), '"totals"');
  const filesObject = object(root.files, '"files"');
  const files = Object.entries(filesObject).map(([name, entry]) => {
    const where = `"files"[${JSON.stringify(name)}]`;
    const file = object(entry, where);
    const fileSummary = summary(object(file.summary, `${where}.summary`), `${where}.summary`);
    return {
      path: options.mapPath(name),
      statements: fileSummary.statements,
      missing: fileSummary.missing,
      branches: fileSummary.branches,
      partialBranches: fileSummary.partialBranches,
      percent: fileSummary.percent,
      percentDisplay: fileSummary.percentDisplay,
      missingLines: lineNumbers(file.missing_lines, `${where}.missing_lines`)
    };
  });
  files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return {
    percent: totals2.percent,
    percentDisplay: totals2.percentDisplay,
    coveredLines: totals2.coveredLines,
    statements: totals2.statements,
    coveredBranches: totals2.coveredBranches,
    branches: totals2.branches,
    files,
    sourceNote: options.sourceNote
  };
}
function summary(value2, where) {
  const display = value2.percent_covered_display;
  if (typeof display !== "string") {
    throw new CoverageReportError(
      `coverage JSON report: ${where}.percent_covered_display is missing; it is written by coverage 5.6 and later`
    );
  }
  return {
    coveredLines: count2(value2, "covered_lines", where),
    statements: count2(value2, "num_statements", where),
    missing: count2(value2, "missing_lines", where),
    // Branch keys exist only when coverage ran with --branch.
    coveredBranches: count2(value2, "covered_branches", where, 0),
    branches: count2(value2, "num_branches", where, 0),
    partialBranches: count2(value2, "num_partial_branches", where, 0),
    percent: percent(value2.percent_covered, `${where}.percent_covered`),
    percentDisplay: display
  };
}
function isObject(value2) {
  return typeof value2 === "object" && value2 !== null && !Array.isArray(value2);
}
function object(value2, where) {
  if (!isObject(value2)) {
    throw new CoverageReportError(`coverage JSON report: ${where} must be an object`);
  }
  return value2;
}
function count2(value2, key, where, fallback) {
  const found = value2[key];
  if (found === void 0 && fallback !== void 0) return fallback;
  if (typeof found !== "number" || !Number.isInteger(found) || found < 0) {
    throw new CoverageReportError(
      `coverage JSON report: ${where}.${key} must be a whole number, not ${JSON.stringify(found)}`
    );
  }
  return found;
}
function percent(value2, where) {
  if (typeof value2 !== "number" || !Number.isFinite(value2) || value2 < 0 || value2 > 100) {
    throw new CoverageReportError(
      `coverage JSON report: ${where} must be a number from 0 to 100, not ${JSON.stringify(value2)}`
    );
  }
  return value2;
}
function lineNumbers(value2, where) {
  if (!Array.isArray(value2) || !value2.every((line) => Number.isInteger(line))) {
    throw new CoverageReportError(`coverage JSON report: ${where} must be a list of line numbers`);
  }
  return value2;
}
function mapCoveragePath(file, options) {
  const normalized = slashes(file);
  if (!isAbsolute(normalized)) return inRepository(normalized, options.repoPrefix);
  for (const sitePackages of options.sitePackages) {
    const rest2 = under(normalized, slashes(sitePackages));
    if (rest2 === void 0) continue;
    if (options.exists(`src/${rest2}`)) return inRepository(`src/${rest2}`, options.repoPrefix);
    if (options.exists(rest2)) return inRepository(rest2, options.repoPrefix);
    return normalized;
  }
  const rest = under(normalized, slashes(options.workingDirectory));
  return rest === void 0 ? normalized : inRepository(rest, options.repoPrefix);
}
function inRepository(relative, repoPrefix2) {
  const prefix = slashes(repoPrefix2).replace(/\/+$/, "");
  return normalizeRelative(prefix === "" || prefix === "." ? relative : `${prefix}/${relative}`);
}
function under(path30, folder) {
  const base = folder.replace(/\/+$/, "");
  const windows = /^[A-Za-z]:\//.test(base);
  const head = path30.slice(0, base.length);
  const same2 = windows ? head.toLowerCase() === base.toLowerCase() : head === base;
  if (!same2 || path30.charAt(base.length) !== "/") return void 0;
  const rest = path30.slice(base.length + 1);
  return rest === "" ? void 0 : rest;
}
function normalizeRelative(path30) {
  const parts = [];
  for (const part of path30.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}
function slashes(path30) {
  return path30.replaceAll("\\", "/");
}
function isAbsolute(path30) {
  return path30.startsWith("/") || /^[A-Za-z]:\//.test(path30);
}

// src/report/junit.ts
var import_saxes = __toESM(require_saxes(), 1);
var JUnitReportError = class extends Error {
  name = "JUnitReportError";
};
var MAX_MESSAGE = 500;
var CUT_MARK = "\n\u2026 (cut)\n";
var JUnitParser = class {
  sax = new import_saxes.SaxesParser();
  maxProblems;
  maxSlowest;
  maxDetails;
  rootSeen = false;
  blank = true;
  closed = false;
  suites = [];
  totalSeconds = 0;
  current;
  problem;
  tests = 0;
  passed = 0;
  failed = 0;
  skipped = 0;
  xfailed = 0;
  errors = 0;
  collectionErrors = 0;
  problems = [];
  /** Sorted by seconds, descending; ties keep document order. */
  slowest = [];
  constructor(options = {}) {
    this.maxProblems = options.maxProblems ?? 50;
    this.maxSlowest = options.slowest ?? 10;
    this.maxDetails = options.maxDetails ?? 4e3;
    this.sax.on("opentag", (tag) => this.openTag(tag));
    this.sax.on("closetag", (tag) => this.closeTag(tag));
    this.sax.on("text", (text5) => this.problem?.text?.push(text5));
    this.sax.on("cdata", (text5) => this.problem?.text?.push(text5));
  }
  write(chunk) {
    if (this.closed) throw new JUnitReportError("JUnit report: write after close");
    if (this.blank && /\S/.test(chunk)) this.blank = false;
    try {
      this.sax.write(chunk);
    } catch (error) {
      this.closed = true;
      throw this.wrap(error);
    }
  }
  close() {
    if (this.closed) throw new JUnitReportError("JUnit report: parser already closed");
    this.closed = true;
    if (this.blank) throw new JUnitReportError("JUnit report is empty");
    try {
      this.sax.close();
    } catch (error) {
      this.closed = true;
      throw this.wrap(error);
    }
    return {
      tests: this.tests,
      passed: this.passed,
      failed: this.failed,
      skipped: this.skipped,
      xfailed: this.xfailed,
      // JUnit writes an xpass as a pass; pytest's own counts (the plugin's) tell them apart.
      xpassed: 0,
      errors: this.errors,
      collectionErrors: this.collectionErrors,
      seconds: this.totalSeconds,
      problems: this.problems,
      slowest: this.slowest
    };
  }
  wrap(error) {
    if (error instanceof JUnitReportError) return error;
    const message = errorMessage(error);
    return new JUnitReportError(`JUnit report is not well-formed XML: ${message}`);
  }
  openTag(tag) {
    const attributes = tag.attributes;
    if (!this.rootSeen) {
      this.rootSeen = true;
      if (tag.name !== "testsuites" && tag.name !== "testsuite") {
        throw new JUnitReportError(
          `JUnit report must start with <testsuites> or <testsuite>, not <${tag.name}>`
        );
      }
    }
    switch (tag.name) {
      case "testsuite":
        this.suites.push({ seconds: parseSeconds(attributes.time), childSeconds: 0 });
        return;
      case "testcase":
        this.current = {
          classname: attributes.classname ?? "",
          name: attributes.name ?? "",
          file: attributes.file === void 0 ? void 0 : normalizePath(attributes.file),
          line: parseLine(attributes.line),
          seconds: parseSeconds(attributes.time) ?? 0,
          failed: false,
          errored: false,
          skipped: false,
          xfailed: false
        };
        return;
      case "failure":
      case "error":
        if (this.current === void 0) return;
        if (tag.name === "failure") this.current.failed = true;
        else this.current.errored = true;
        this.problem = {
          kind: tag.name === "error" && isCollection(this.current) ? "collection" : tag.name,
          message: attributes.message ?? "",
          text: this.problems.length < this.maxProblems ? [] : void 0
        };
        return;
      case "skipped":
        if (this.current === void 0) return;
        if (attributes.type === "pytest.xfail") this.current.xfailed = true;
        else this.current.skipped = true;
        return;
    }
  }
  closeTag(tag) {
    switch (tag.name) {
      case "testsuite": {
        const suite = this.suites.pop();
        if (suite !== void 0) this.addSeconds(suite.seconds ?? suite.childSeconds);
        return;
      }
      case "testcase":
        if (this.current !== void 0) this.finishCase(this.current);
        this.current = void 0;
        return;
      case "failure":
      case "error":
        if (this.current !== void 0 && this.problem !== void 0) {
          this.finishProblem(this.current, this.problem);
        }
        this.problem = void 0;
        return;
    }
  }
  addSeconds(seconds2) {
    const parent = this.suites.at(-1);
    if (parent === void 0) this.totalSeconds += seconds2;
    else parent.childSeconds += seconds2;
  }
  finishCase(testCase) {
    if (testCase.errored && isCollection(testCase)) this.collectionErrors += 1;
    else this.tests += 1;
    if (testCase.failed) this.failed += 1;
    if (testCase.errored) this.errors += 1;
    if (!testCase.failed && !testCase.errored) {
      if (testCase.xfailed) this.xfailed += 1;
      else if (testCase.skipped) this.skipped += 1;
      else this.passed += 1;
    }
    this.addSeconds(testCase.seconds);
    this.considerSlow(testCase);
  }
  considerSlow(testCase) {
    const seconds2 = testCase.seconds;
    if (this.maxSlowest <= 0 || seconds2 <= 0) return;
    const list2 = this.slowest;
    const last = list2.at(-1);
    if (list2.length >= this.maxSlowest && last !== void 0 && seconds2 <= last.seconds) return;
    let index = list2.length;
    while (index > 0 && list2[index - 1].seconds < seconds2) index -= 1;
    list2.splice(index, 0, { id: testId(testCase), seconds: seconds2 });
    if (list2.length > this.maxSlowest) list2.pop();
  }
  finishProblem(testCase, problem) {
    if (problem.text === void 0) return;
    const text5 = problem.text.join("");
    const collection = isCollection(testCase);
    const where = collection ? collectionLocation(testCase, text5) : failureLocation(testCase, text5);
    this.problems.push({
      kind: problem.kind,
      id: testId(testCase),
      file: where.file,
      line: where.line,
      message: problemMessage(problem.message, text5, collection),
      details: cut(text5, this.maxDetails)
    });
  }
};
function isCollection(testCase) {
  return testCase.classname === "";
}
function testId(testCase) {
  const { classname, name, file } = testCase;
  if (classname === "") return file || name || "(collection)";
  if (file !== void 0) {
    const module = file.replace(/\.py$/, "").replaceAll("/", ".");
    const classPart = classAfterModule(classname, module);
    if (classPart !== void 0) {
      return classPart === "" ? `${file}::${name}` : `${file}::${classPart}::${name}`;
    }
  }
  return `${classname}::${name}`;
}
function classAfterModule(classname, module) {
  let start = classname.startsWith(module) ? 0 : classname.indexOf(`.${module}`);
  if (start < 0) return void 0;
  if (start > 0) start += 1;
  const rest = classname.slice(start + module.length);
  if (rest === "") return "";
  if (!rest.startsWith(".")) return void 0;
  return rest.slice(1).replaceAll(".", "::");
}
var LOCATION = /^((?:[A-Za-z]:)?[^\s:"<>]+\.py):(\d+):|\bFile "((?:[A-Za-z]:)?[^"\n]+\.py)", line (\d+)/gm;
function locations(text5) {
  const found = [];
  for (const match of text5.matchAll(LOCATION)) {
    const path30 = match[1] ?? match[3];
    const line = match[2] ?? match[4];
    if (path30 !== void 0 && line !== void 0) {
      found.push({ path: normalizePath(path30), line: Number.parseInt(line, 10) });
    }
  }
  return found;
}
function sameFile(path30, file) {
  return path30 === file || isAbsolute2(path30) && path30.endsWith(`/${file}`);
}
function lastIn(found, file) {
  return found.findLast((location) => sameFile(location.path, file));
}
function failureLocation(testCase, text5) {
  const file = testCase.file;
  if (file === void 0) return {};
  const found = lastIn(locations(text5), file);
  if (found !== void 0) return { file, line: found.line };
  return { file, line: testCase.line === void 0 ? void 0 : testCase.line + 1 };
}
function collectionLocation(testCase, text5) {
  const file = testCase.file ?? (testCase.name === "" ? void 0 : `${testCase.name.replaceAll(".", "/")}.py`);
  const found = locations(text5);
  if (file !== void 0) {
    const own = lastIn(found, file);
    if (own !== void 0) return { file, line: own.line };
  }
  const relative = found.findLast((location) => !isAbsolute2(location.path));
  if (relative !== void 0) return { file: relative.path, line: relative.line };
  return { file: testCase.file };
}
function problemMessage(attribute, text5, collection) {
  const first = collection ? "" : firstLine(attribute);
  if (first !== "") return clip(first, MAX_MESSAGE);
  return clip(exceptionLine(text5) ?? firstLine(text5.trim()), MAX_MESSAGE);
}
function firstLine(text5) {
  const end = text5.indexOf("\n");
  return (end < 0 ? text5 : text5.slice(0, end)).trim();
}
function exceptionLine(text5) {
  let last = [];
  let block = [];
  for (const line of text5.split(/\r?\n/)) {
    if (/^E(?: {2,}\S|\s*$)/.test(line)) block.push(line);
    else if (block.length > 0) [last, block] = [block, []];
  }
  if (block.length > 0) last = block;
  const lines = last.filter((line) => line.trim() !== "E");
  if (lines.length === 0) return void 0;
  const indent2 = Math.min(...lines.map((line) => /^E( +)/.exec(line)?.[1]?.length ?? 0));
  const body = lines.map((line) => line.slice(1 + indent2).trimEnd());
  return body.find((line) => /^[A-Za-z_][\w.]*(?::(?: |$)|$)/.test(line)) ?? body[0];
}
function clip(text5, max) {
  return text5.length <= max ? text5 : `${text5.slice(0, max - 1)}\u2026`;
}
function cut(text5, max) {
  if (text5.length <= max) return text5;
  const keep = Math.max(0, max - CUT_MARK.length);
  const head = Math.floor(keep / 3);
  return `${text5.slice(0, head)}${CUT_MARK}${text5.slice(text5.length - (keep - head))}`;
}
function parseSeconds(value2) {
  if (value2 === void 0) return void 0;
  const seconds2 = Number.parseFloat(value2);
  return Number.isFinite(seconds2) && seconds2 >= 0 ? seconds2 : void 0;
}
function parseLine(value2) {
  if (value2 === void 0 || !/^\d+$/.test(value2)) return void 0;
  return Number.parseInt(value2, 10);
}
function normalizePath(path30) {
  return path30.replaceAll("\\", "/").replace(/^(?:\.\/)+/, "");
}
function isAbsolute2(path30) {
  return path30.startsWith("/") || /^[A-Za-z]:\//.test(path30);
}

// src/test/subprocess-coverage.ts
var import_node_fs4 = __toESM(require_node_fs(), 1);
var import_node_path4 = __toESM(require_node_path(), 1);
var WRITE_RCFILE = `
import configparser, json, os, sys
import coverage

out_dir, source = sys.argv[1], json.loads(sys.argv[2])
config = coverage.Coverage().config
read_from = config.config_file
has_patch = 'patch' in vars(config)
adds = {'parallel': True, 'branch': True}
if source:
    adds['source'] = source

def toml(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return '[' + ', '.join(toml(v) for v in value) + ']'
    if isinstance(value, dict):
        return '{' + ', '.join(toml(k) + ' = ' + toml(v) for k, v in value.items()) + '}'
    raise ValueError('a %s value cannot be copied' % type(value).__name__)

if read_from and read_from.endswith('.toml'):
    try:
        import tomllib
    except ImportError:
        import tomli as tomllib
    with open(read_from, 'rb') as f:
        tables = tomllib.load(f).get('tool', {}).get('coverage', {})
    tables = {k: v for k, v in tables.items() if isinstance(v, dict)}
    run = tables.setdefault('run', {})
    run.update(adds)
    if has_patch:
        patch = run.get('patch', [])
        run['patch'] = ([patch] if isinstance(patch, str) else list(patch)) + ['subprocess']
    lines = []
    for name, table in tables.items():
        lines.append('[tool.coverage.%s]' % toml(name))
        lines.extend('%s = %s' % (toml(k), toml(v)) for k, v in table.items())
        lines.append('')
    rcfile = os.path.join(out_dir, 'coverage.toml')
    with open(rcfile, 'w', encoding='utf-8') as f:
        f.write('\\n'.join(lines))
else:
    copy = configparser.RawConfigParser()
    copy.optionxform = str
    names = ['run', 'coverage:run']
    if read_from:
        original = configparser.RawConfigParser()
        original.optionxform = str
        original.read(read_from, encoding='utf-8')
        # setup.cfg and tox.ini hold other tools' sections; coverage reads its [coverage:*] ones.
        shared = os.path.basename(read_from) in ('setup.cfg', 'tox.ini')
        if shared:
            names = ['coverage:run']
        for name in original.sections():
            if not shared or name.startswith('coverage:'):
                copy.add_section(name)
                for k, v in original.items(name):
                    copy.set(name, k, v)
    run = next((n for n in names if copy.has_section(n)), names[0])
    if not copy.has_section(run):
        copy.add_section(run)
    for k, v in adds.items():
        copy.set(run, k, '\\n'.join(v) if isinstance(v, list) else str(v))
    if has_patch:
        patch = copy.get(run, 'patch', fallback='').strip()
        copy.set(run, 'patch', (patch + '\\n' if patch else '') + 'subprocess')
    rcfile = os.path.join(out_dir, 'coveragerc')
    with open(rcfile, 'w', encoding='utf-8') as f:
        copy.write(f)

pth = None
if not has_patch:
    import sysconfig
    # With system site-packages, coverage may live in a folder that site adds
    # after the venv's, where this file is read: it is put on sys.path for the start.
    where = os.path.dirname(os.path.dirname(os.path.abspath(coverage.__file__)))
    code = '\\n'.join([
        'import os, sys',
        'if os.environ.get("COVERAGE_PROCESS_START"):',
        '    where = %r' % where,
        '    added = where not in sys.path',
        '    if added:',
        '        sys.path.append(where)',
        '    try:',
        '        import coverage',
        '    except ImportError:',
        '        pass',
        '    else:',
        '        coverage.process_startup()',
        '    finally:',
        '        if added:',
        '            sys.path.remove(where)',
    ])
    pth = os.path.join(sysconfig.get_paths()['purelib'], 'python_ci_coverage.pth')
    with open(pth, 'w', encoding='utf-8') as f:
        f.write('import sys; exec(%r)\\n' % code)
print(json.dumps({
    'rcfile': rcfile,
    'read_from': read_from,
    'version': coverage.__version__,
    'pth': pth,
}))
`;
async function prepareSubprocessCoverage(ctx, warn) {
  const rcDir = import_node_path4.default.join(ctx.host.tempDir, "coverage-config");
  (0, import_node_fs4.rmSync)(rcDir, { recursive: true, force: true });
  (0, import_node_fs4.mkdirSync)(rcDir, { recursive: true });
  let written;
  try {
    written = await runSnippet(
      ctx.host,
      ctx.python,
      WRITE_RCFILE,
      [rcDir, JSON.stringify(ctx.source)],
      "copying the project's coverage settings",
      { cwd: ctx.cwd, env: ctx.env }
    );
  } catch (error) {
    if (!(error instanceof SnippetError)) throw error;
    warn(
      `the processes the tests start are not measured: ${error.message}; set subprocess-coverage: false to measure the pytest process alone without this warning`
    );
    return void 0;
  }
  (0, import_node_fs4.rmSync)(ctx.partsDir, { recursive: true, force: true });
  (0, import_node_fs4.mkdirSync)(ctx.partsDir, { recursive: true });
  const settings = written.read_from ? `a copy of ${import_node_path4.default.relative(ctx.cwd, written.read_from) || written.read_from}'s coverage settings` : "settings of its own (the project has no coverage configuration)";
  const how = written.pth ? `COVERAGE_PROCESS_START (coverage ${written.version} has no patch = subprocess)` : `patch = subprocess (coverage ${written.version})`;
  const pth = written.pth;
  return {
    args: [`--rcfile=${written.rcfile}`],
    env: pth ? { COVERAGE_PROCESS_START: written.rcfile } : {},
    partsDir: ctx.partsDir,
    note: `the processes the tests start are measured too, through ${how}, with ${settings}`,
    cleanup: () => {
      if (pth) (0, import_node_fs4.rmSync)(pth, { force: true });
    }
  };
}

// src/test/run-tests.ts
function reportFiles(dir) {
  return {
    dir,
    junit: import_node_path5.default.join(dir, "junit.xml"),
    coverageData: import_node_path5.default.join(dir, ".coverage"),
    coverageParts: import_node_path5.default.join(dir, "coverage-parts"),
    coverageJson: import_node_path5.default.join(dir, "coverage.json"),
    coverageXml: import_node_path5.default.join(dir, "coverage.xml"),
    outcomes: import_node_path5.default.join(dir, "pytest-outcomes.json")
  };
}
var PROBE = `
import json, sys, sysconfig
import os
# python -c puts the project folder first on sys.path; its *.egg-info would
# then pass for the installed distribution.
sys.path = [p for p in sys.path if p not in ('', os.getcwd())]
out = {'source': None, 'include': None, 'error': None, 'top_level': [], 'site_packages': []}
from importlib.metadata import version
for tool in ('pytest', 'coverage'):
    try:
        out[tool] = version(tool)
    except Exception:
        out[tool] = None
try:
    import coverage
    c = coverage.Coverage()
    out['source'] = c.config.source
    out['include'] = c.config.run_include
except Exception as e:
    out['error'] = '%s: %s' % (type(e).__name__, e)
paths = sysconfig.get_paths()
out['site_packages'] = sorted({paths['purelib'], paths['platlib']})
if len(sys.argv) > 1 and sys.argv[1]:
    from importlib.metadata import distribution
    try:
        tops = set()
        for f in distribution(sys.argv[1]).files or []:
            top = f.parts[0] if f.parts else ''
            if not top or top in ('..', '__pycache__') or top.endswith(('.dist-info', '.data', '.pth')):
                continue
            if len(f.parts) > 1:
                tops.add(top)
            elif top.endswith('.py'):
                tops.add(top[:-3])
        out['top_level'] = sorted(t for t in tops if t.isidentifier())
    except Exception:
        pass
print(json.dumps(out))
`;
var REPORT = `
import json, sys
import coverage
c = coverage.Coverage(data_file=sys.argv[1])
try:
    if sys.argv[4]:
        c.combine([sys.argv[4]], keep=True)
        c.save()
    elif c.config.parallel:
        c.combine()
    c.load()
    c.json_report(outfile=sys.argv[2])
    c.xml_report(outfile=sys.argv[3])
    print(json.dumps({'error': None}))
except Exception as e:
    print(json.dumps({'error': str(e)}))
`;
var PLUGIN_MODULE = "python_ci_pytest";
var PLUGIN = `# Loaded by python-ci-action, which measures coverage with coverage run.
import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    options = early_config.known_args_namespace
    if getattr(options, "cov_source", None):
        options.cov_source = None
    yield


import signal as _signal
import threading as _threading


def _interrupt_on_sigterm(signum, frame):
    # The action ends a run past test-timeout, or a cancelled step, with
    # SIGTERM. Stopping as on Ctrl-C lets pytest still write its reports of
    # the tests that finished, and coverage save its data.
    raise KeyboardInterrupt("stopped by SIGTERM")


if _threading.current_thread() is _threading.main_thread():
    _signal.signal(_signal.SIGTERM, _interrupt_on_sigterm)
`;
function chooseSource(configured, probe2) {
  if (configured.length) {
    return { source: [...configured], note: `${configured.join(", ")} (coverage-source input)` };
  }
  if (probe2.source?.length)
    return { source: [], note: `${probe2.source.join(", ")} (the project's coverage configuration)` };
  if (probe2.include?.length)
    return {
      source: [],
      note: `include ${probe2.include.join(", ")} (the project's coverage configuration)`
    };
  if (probe2.top_level.length) {
    return {
      source: [...probe2.top_level],
      note: `${probe2.top_level.join(", ")} (the installed project's top-level packages)`
    };
  }
  return {
    source: [],
    note: "everything imported (no source configured and no package found); set coverage-source"
  };
}
async function parseJUnitFile(file) {
  const parser = new JUnitParser();
  for await (const chunk of (0, import_node_fs5.createReadStream)(file, { encoding: "utf8" }))
    parser.write(chunk);
  return parser.close();
}
var EXIT_MEANING = {
  2: "pytest was interrupted (errors during collection)",
  3: "pytest hit an internal error",
  4: "pytest could not start: its command line or configuration is wrong"
};
async function runPytest(ctx, measure2, subprocesses) {
  const { host, log, config, venv, files } = ctx;
  const flags = subprocesses ? subprocesses.args : ["--branch", ...measure2.source.length ? [`--source=${measure2.source.join(",")}`] : []];
  const args = [
    ...["-m", "coverage", "run", ...flags],
    ...["-m", "pytest", "-o", "junit_family=xunit1", `--junitxml=${files.junit}`],
    ...["-p", PLUGIN_MODULE, ...config.pytestArgs]
  ];
  const pluginDir = import_node_path5.default.join(host.tempDir, "pytest-plugin");
  (0, import_node_fs5.mkdirSync)(pluginDir, { recursive: true });
  (0, import_node_fs5.writeFileSync)(import_node_path5.default.join(pluginDir, `${PLUGIN_MODULE}.py`), `${PLUGIN}${OUTCOMES_PLUGIN}`);
  const pythonPath = [pluginDir, venv.env.PYTHONPATH].filter((p) => p).join(import_node_path5.default.delimiter);
  log.info(`$ ${formatCommand("python", args)}`);
  const env = subprocesses ? {
    ...ctx.env,
    ...subprocesses.env,
    COVERAGE_FILE: import_node_path5.default.join(subprocesses.partsDir, import_node_path5.default.basename(files.coverageData))
  } : ctx.env;
  const minutes = config.testTimeoutMinutes;
  try {
    return await host.runner.run(venv.python, args, {
      cwd: config.workingDirectory,
      // Unbuffered, so that what pytest prints reaches the log as it prints it.
      env: {
        ...env,
        PYTHONPATH: pythonPath,
        PYTHONUNBUFFERED: "1",
        [OUTCOMES_VARIABLE]: files.outcomes
      },
      // Line by line as pytest prints, so a long run shows where it is.
      onLine: (line) => log.info(line),
      ...minutes !== void 0 && { timeoutMs: minutes * 6e4 }
    });
  } finally {
    subprocesses?.cleanup();
  }
}
function noReportReason(code) {
  return code === 0 || code === 5 ? `pytest wrote no JUnit report (it exited ${code}; a test may have ended the process)` : `pytest exited ${code} and wrote no JUnit report`;
}
function testsPassed(code, results2, allowNoTests) {
  if (results2 === void 0 || code !== 0 && code !== 5) return false;
  return allowNoTests || !collectedNothing(results2);
}
var NO_TESTS_REASON = "pytest collected no tests; allow-no-tests: true lets a project with no tests yet pass";
function collectedNothing(results2) {
  return results2.tests === 0 && results2.collectionErrors === 0;
}
async function readResults(ctx, run, notes) {
  const { code, output } = run;
  let results2;
  try {
    results2 = (0, import_node_fs5.existsSync)(ctx.files.junit) ? await parseJUnitFile(ctx.files.junit) : void 0;
  } catch (error) {
    if (!(error instanceof JUnitReportError)) throw error;
    notes.push(`the JUnit report pytest wrote cannot be read: ${error.message}`);
  }
  if (results2 && (0, import_node_fs5.existsSync)(ctx.files.outcomes)) {
    try {
      results2 = withOutcomes(results2, parseOutcomes((0, import_node_fs5.readFileSync)(ctx.files.outcomes, "utf8")));
    } catch (error) {
      if (!(error instanceof OutcomesError)) throw error;
      notes.push(
        `pytest's own counts cannot be read (${error.message}); these are the JUnit report's`
      );
    }
  }
  const meaning = run.timedOut ? void 0 : EXIT_MEANING[code];
  if (!results2 && !meaning) {
    const why = run.signal ? `${describeExit("pytest", run)} and wrote no JUnit report` : noReportReason(code);
    notes.push(`${why}
${tail(output, 15)}`);
  }
  if (code === 5 || results2 && collectedNothing(results2)) notes.push("pytest collected no tests");
  if (meaning) {
    const reason = code === 4 ? failureReason(output) : void 0;
    notes.push(`${meaning} (exit ${code})${reason ? `: ${reason}` : ""}
${tail(output, 15)}`);
  }
  return results2;
}
async function readCoverage(ctx, measure2, probe2, partsDir, notes) {
  const { host, config, venv, files } = ctx;
  const cwd = config.workingDirectory;
  try {
    const { error } = await runSnippet(
      host,
      venv.python,
      REPORT,
      [files.coverageData, files.coverageJson, files.coverageXml, partsDir ?? ""],
      "writing the coverage reports",
      { cwd, env: ctx.env }
    );
    if (error) {
      notes.push(`no coverage: ${error}`);
      return void 0;
    }
    return parseCoverageJson((0, import_node_fs5.readFileSync)(files.coverageJson, "utf8"), {
      sourceNote: measure2.note,
      mapPath: (file) => mapCoveragePath(file, {
        workingDirectory: cwd,
        sitePackages: probe2.site_packages,
        repoPrefix: config.repoPrefix,
        exists: (rel) => (0, import_node_fs5.existsSync)(import_node_path5.default.join(cwd, rel))
      })
    });
  } catch (error) {
    if (error instanceof SnippetError) notes.push(`no coverage: ${error.message}`);
    else if (error instanceof CoverageReportError) {
      notes.push(`the coverage report cannot be read: ${error.message}`);
    } else throw error;
    return void 0;
  }
}
async function runTests(host, log, config, venv, distName, files) {
  const env = { ...venv.env, COVERAGE_FILE: files.coverageData };
  const ctx = { host, log, config, venv, files, env };
  let probe2;
  try {
    probe2 = await runSnippet(
      host,
      venv.python,
      PROBE,
      [distName ?? ""],
      "reading the coverage configuration",
      { cwd: config.workingDirectory, env }
    );
  } catch (error) {
    if (!(error instanceof SnippetError)) throw error;
    return { ok: false, exitCode: 1, notes: [error.message] };
  }
  if (probe2.error) {
    const notes2 = [`coverage cannot read the project's configuration: ${probe2.error}`];
    return { ok: false, exitCode: 1, notes: notes2 };
  }
  const measure2 = chooseSource(config.coverageSource, probe2);
  log.info(`coverage measures ${measure2.note}`);
  const subprocesses = config.subprocessCoverage ? await prepareSubprocessCoverage(
    {
      host,
      python: venv.python,
      cwd: config.workingDirectory,
      env,
      source: measure2.source,
      partsDir: files.coverageParts
    },
    (message) => log.warning(message)
  ) : void 0;
  if (subprocesses) log.info(subprocesses.note);
  const run = await runPytest(ctx, measure2, subprocesses);
  const notes = [];
  const results2 = await readResults(ctx, run, notes);
  const coverage2 = await readCoverage(ctx, measure2, probe2, subprocesses?.partsDir, notes);
  const ok2 = testsPassed(run.code, results2, config.allowNoTests);
  const tools = { pytest: probe2.pytest ?? void 0, coverage: probe2.coverage ?? void 0 };
  const stopped = run.timedOut ? `tests timed out after ${minutesText(config.testTimeoutMinutes ?? 0)} (test-timeout)` : run.signal && describeExit("pytest", run);
  return {
    ok: ok2 && stopped === void 0,
    exitCode: run.code,
    results: results2,
    coverage: coverage2,
    tools,
    notes,
    ...stopped && { stopped }
  };
}
function minutesText(minutes) {
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

// src/progress.ts
var Progress = class {
  /** What the report calls the cancelled run: the action's step, or the CLI's run. */
  constructor(what = "step") {
    this.what = what;
  }
  what;
  stages = [];
  known = {};
  frozen = false;
  /** Where the tests write their reports, once the pipeline has made the folder. */
  files;
  ended(stage2, found = {}) {
    if (this.frozen) return;
    this.stages.push(stage2);
    this.known = { ...this.known, ...found };
  }
  /**
   * Keeps what is known now: the stages that end after a cancel were cut
   * short by it, and their results would pass for whole ones.
   */
  freeze() {
    this.frozen = true;
  }
  /** Whether the tests' results are known. */
  get testsKnown() {
    return this.known.test !== void 0;
  }
  /**
   * The report of a run cancelled by `signal`: the stages that ended, what
   * they found, and `results` of a test run the cancel cut short. Pure.
   */
  cancelled(signal, results2) {
    const done = this.stages.map((s) => s.name);
    const after = done.length > 0 ? `after ${done.join(", ")}` : "before any stage ended";
    const stopped = `the ${this.what} was cancelled (${signal}) ${after}`;
    const test = this.known.test ?? (results2 && {
      ok: false,
      exitCode: 130,
      results: results2,
      notes: [],
      stopped: `pytest was stopped when the ${this.what} was cancelled`
    });
    return {
      ...this.known,
      ...test && { test },
      stages: [...this.stages],
      cancelled: signal,
      verdict: { ok: false, reasons: [stopped] }
    };
  }
};
async function finishedTests(files) {
  if (!(0, import_node_fs6.existsSync)(files.junit)) return void 0;
  const junit = await parseJUnitFile(files.junit);
  if (!(0, import_node_fs6.existsSync)(files.outcomes)) return junit;
  return withOutcomes(junit, parseOutcomes((0, import_node_fs6.readFileSync)(files.outcomes, "utf8")));
}

// src/cancel.ts
var CancelGuard = class {
  constructor(runner, progress, log, report, exitCode = 1) {
    this.runner = runner;
    this.progress = progress;
    this.log = log;
    this.report = report;
    this.exitCode = exitCode;
  }
  runner;
  progress;
  log;
  report;
  exitCode;
  state = "running";
  /** Handles SIGINT and SIGTERM from now on. */
  install() {
    for (const signal of ["SIGINT", "SIGTERM"])
      process.on(signal, () => {
        void this.cancel(signal);
      });
  }
  /**
   * The pipeline has ended: false when a cancel is writing its own report,
   * else true, and a signal from now on waits for this report to be written.
   */
  reporting() {
    if (this.state === "cancelled") return false;
    this.state = "reporting";
    return true;
  }
  async cancel(signal) {
    if (this.state !== "running") return;
    this.state = "cancelled";
    this.progress.freeze();
    this.log.info(`The step was cancelled (${signal}): ending the programs it started.`);
    await this.runner.cancel();
    let results2;
    const files = this.progress.files;
    if (!this.progress.testsKnown && files !== void 0) {
      try {
        results2 = await finishedTests(files);
      } catch (error) {
        this.log.warning(`the tests' report cannot be read: ${errorMessage(error)}`);
      }
    }
    try {
      await this.report(this.progress.cancelled(signal, results2));
    } catch (error) {
      this.log.warning(`the report of the cancelled step was not written: ${errorMessage(error)}`);
    }
    process.exit(this.exitCode);
  }
};

// src/github/run-event.ts
var import_node_fs7 = __toESM(require_node_fs(), 1);
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target"]);
function isPullRequestEvent(name) {
  return PULL_REQUEST_EVENTS.has(name);
}
function readEventPayload(file) {
  if (!file || !(0, import_node_fs7.existsSync)(file)) return {};
  try {
    return JSON.parse((0, import_node_fs7.readFileSync)(file, "utf8"));
  } catch {
    return {};
  }
}
function field(value2, key) {
  return value2 !== null && typeof value2 === "object" ? value2[key] : void 0;
}
function text(value2) {
  return typeof value2 === "string" && value2 !== "" ? value2 : void 0;
}
function positive(value2) {
  return typeof value2 === "number" && Number.isInteger(value2) && value2 > 0 ? value2 : void 0;
}
function splitRepository(name) {
  const [owner = "", repo = ""] = name.split("/");
  return owner === "" || repo === "" ? void 0 : { owner, repo };
}
function workflowFile(workflowRef) {
  return /^[^/]+\/[^/]+\/\.github\/workflows\/([^/]+?\.ya?ml)(?:@|$)/.exec(workflowRef ?? "")?.[1];
}
function pullRequestNumber(name, payload) {
  if (isPullRequestEvent(name)) {
    return positive(field(field(payload, "pull_request"), "number")) ?? positive(field(payload, "number"));
  }
  const issue = field(payload, "issue");
  if (name === "issue_comment" && field(issue, "pull_request") !== void 0) {
    return positive(field(issue, "number"));
  }
  const runs = field(field(payload, "workflow_run"), "pull_requests");
  if (name === "workflow_run" && Array.isArray(runs)) return positive(field(runs[0], "number"));
  return void 0;
}
function pullRequestOf(name, payload, repositoryName) {
  const number = pullRequestNumber(name, payload);
  const pr = field(payload, "pull_request");
  if (number === void 0 && (pr === null || typeof pr !== "object")) return void 0;
  const base = field(pr, "base");
  const head = field(pr, "head");
  const headRepo = field(head, "repo");
  const headName = field(headRepo, "full_name");
  const fromFork = headRepo !== void 0 && (headRepo === null || field(headRepo, "fork") === true || headName !== void 0 && headName !== repositoryName);
  return {
    ...number !== void 0 && { number },
    ...optional("baseRef", text(field(base, "ref"))),
    ...optional("baseSha", text(field(base, "sha"))),
    ...optional("headRef", text(field(head, "ref"))),
    ...optional("headSha", text(field(head, "sha"))),
    ...optional("headRepository", text(headName)),
    fromFork
  };
}
function optional(key, value2) {
  return value2 === void 0 ? {} : { [key]: value2 };
}
function parseRunEvent(env, payload) {
  const name = env.GITHUB_EVENT_NAME ?? "";
  const repositoryName = env.GITHUB_REPOSITORY ?? "";
  const repository = splitRepository(repositoryName);
  const pullRequest = pullRequestOf(name, payload, repositoryName);
  const defaultBranch = text(field(field(payload, "repository"), "default_branch"));
  const action = text(field(payload, "action"));
  const tag = text(field(field(payload, "release"), "tag_name"));
  const file = workflowFile(env.GITHUB_WORKFLOW_REF);
  const runId = /^[1-9]\d{0,15}$/.test(env.GITHUB_RUN_ID ?? "") ? Number(env.GITHUB_RUN_ID) : void 0;
  const serverUrl = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  return Object.freeze({
    name,
    ref: env.GITHUB_REF ?? "",
    sha: env.GITHUB_SHA ?? "",
    repositoryName,
    ...repository && { repository: Object.freeze(repository) },
    ...defaultBranch !== void 0 && { defaultBranch },
    fork: field(field(payload, "repository"), "fork") === true || pullRequest?.fromFork === true,
    isPullRequest: isPullRequestEvent(name),
    ...pullRequest && { pullRequest: Object.freeze(pullRequest) },
    ...(action !== void 0 || tag !== void 0) && {
      release: Object.freeze({
        ...action !== void 0 && { action },
        ...tag !== void 0 && { tag }
      })
    },
    ...file !== void 0 && { workflowFile: file },
    ...runId !== void 0 && { runId },
    serverUrl,
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    onActions: env.GITHUB_ACTIONS === "true"
  });
}

// src/report/figures.ts
function precisionOf(percentDisplay) {
  return percentDisplay.split(".")[1]?.length ?? 0;
}
function formatDelta(delta, precision) {
  const shown = Math.abs(delta).toFixed(precision);
  if (Number(shown) === 0) return "0";
  return `${delta > 0 ? "+" : "-"}${shown}`;
}
function describeBaseline(baseline2) {
  if (baseline2.kind !== "compared") return baseline2.note;
  const sha = shortSha(baseline2.base.sha);
  return `${baseline2.deltaDisplay} against ${baseline2.branch}${sha ? ` ${sha}` : ""} (${baseline2.base.percentDisplay}%)`;
}
function shortSha(sha) {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? sha.slice(0, 7).toLowerCase() : "";
}
function deltaMark(deltaDisplay) {
  if (deltaDisplay.startsWith("+")) return `\u25B2 ${deltaDisplay}`;
  if (deltaDisplay.startsWith("-")) return `\u25BC \u2212${deltaDisplay.slice(1)}`;
  return `= ${deltaDisplay}`;
}
function lineRanges(lines) {
  const ranges = [];
  for (const line of lines) {
    const last = ranges[ranges.length - 1];
    if (last !== void 0 && line === last[1] + 1) last[1] = line;
    else ranges.push([line, line]);
  }
  return ranges;
}
function formatRanges(lines) {
  return lineRanges(lines).map(([start, end]) => start === end ? String(start) : `${start}-${end}`).join(", ");
}
function shortBase(base) {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(base) ? base.slice(0, 7) : base;
}

// src/report/markdown.ts
var DEFAULT_TITLE = "Python CI";
var INLINE_ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "|": "&#124;",
  "`": "&#96;",
  "*": "&#42;",
  _: "&#95;",
  "[": "&#91;",
  "]": "&#93;",
  "\\": "&#92;",
  "~": "&#126;",
  "#": "&#35;",
  "!": "&#33;",
  "(": "&#40;",
  ")": "&#41;",
  // GitHub renders $…$ as math.
  $: "&#36;",
  // GitHub links @name after rendering, so only a character between @ and the name stops the ping.
  "@": "@&#8203;"
};
var INERT_REFERENCES = [
  [/&#35;(?=\d)/g, "&#35;&#8203;"],
  [/\b(gh)-(?=\d)/gi, "$1&#8203;-"],
  [/:\/\//g, "&#58;&#8203;//"],
  [/\b(www)\./gi, "$1&#8203;."]
];
var HIDDEN = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]/g;
function withoutHidden(text5) {
  return text5.replace(HIDDEN, "").replace(/\r\n?/g, "\n");
}
function escapeInline(text5) {
  let escaped = withoutHidden(text5).replace(/[\n\u2028\u2029]/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, " ").replace(/[&<>"'|`*_[\]\\~#!()$@]/g, (char) => INLINE_ENTITIES[char] ?? char);
  for (const [pattern, inert] of INERT_REFERENCES) escaped = escaped.replace(pattern, inert);
  return escaped;
}
function escapeUrl(url) {
  return /^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9._/%-]*)?$/.test(url) ? url : escapeInline(url);
}
var MAX_ID = 200;
var MAX_MESSAGE2 = 500;
var MAX_BLOCK = 2e4;
function clipText(text5, max) {
  const points = Array.from(text5);
  if (points.length <= max) return text5;
  return `${points.slice(0, Math.max(0, max - 1)).join("")}\u2026`;
}
function clipInline(text5, max) {
  return escapeInline(clipText(text5, max));
}
function clipBlock(text5, max) {
  const points = Array.from(text5);
  if (points.length <= max) return text5;
  const head = Math.floor(max / 4);
  const tail2 = max - head;
  const gap = points.length - head - tail2;
  return `${points.slice(0, head).join("")}
\u2026 ${gap} characters left out \u2026
${points.slice(-tail2).join("")}`;
}
function codeBlock(text5, max = MAX_BLOCK) {
  const body = clipBlock(withoutHidden(text5), max).replace(/\n+$/, "");
  let longest = 0;
  for (const run of body.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}
${body}
${fence}`;
}
function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value2 = bytes / 1024;
  let unit = 0;
  while (value2 >= 1024 && unit < units.length - 1) {
    value2 /= 1024;
    unit += 1;
  }
  const shown = value2 < 10 ? value2.toFixed(1).replace(/\.0$/, "") : String(Math.round(value2));
  return `${shown} ${units[unit]}`;
}
function formatSeconds(seconds2) {
  if (seconds2 < 60) return `${seconds2.toFixed(1)} s`;
  const whole = Math.round(seconds2);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
function renderSummary(metrics, options = {}) {
  const blocks = [headline(metrics, options.title ?? DEFAULT_TITLE)];
  if (metrics.python !== void 0) {
    const { version: version2, path: path30, origin } = metrics.python;
    blocks.push(
      `**Python** ${escapeInline(version2)} \xB7 ${escapeInline(path30)} \xB7 ${escapeInline(origin)}`
    );
  }
  const tools = describeTools(metrics);
  if (tools !== void 0) blocks.push(`**Tools** ${escapeInline(tools)}`);
  if (metrics.build !== void 0) blocks.push(buildSection(metrics.build, metrics.artifact));
  if (metrics.history !== void 0) blocks.push(successRateLine(metrics.history));
  if (metrics.lint !== void 0)
    blocks.push(`Code quality: ${escapeInline(describeLint(metrics.lint))}`);
  const run = metrics.test;
  if (run !== void 0) {
    blocks.push(testSection(run, options.maxProblems ?? 20, options.maxSlowest ?? 10));
    if (run.coverage !== void 0) {
      blocks.push(
        coverageSection(run.coverage, options.maxFiles ?? 50, metrics.baseline, run.results)
      );
    }
    if (metrics.diffCoverage !== void 0) {
      blocks.push(changedLinesSection(metrics.diffCoverage, options.maxDiffFiles ?? 50));
    }
    if (run.notes.length > 0) blocks.push(notesSection(run.notes));
  }
  if (metrics.publish !== void 0) blocks.push(publishSection(metrics.publish));
  const failures = metrics.stages.filter((s) => s.status === "failed" && s.detail);
  if (failures.length > 0) blocks.push(failuresSection(failures));
  if (metrics.stages.length > 0) blocks.push(stagesSection(metrics.stages));
  return `${blocks.join("\n\n")}
`;
}
function headline(metrics, title) {
  const { ok: ok2, reasons } = metrics.verdict;
  const lines = [`## ${ok2 ? "\u2705" : "\u274C"} ${escapeInline(title)}: ${ok2 ? "passed" : "failed"}`];
  const numbers = keyNumbers(metrics);
  if (numbers.length > 0) lines.push("", numbers.join(" \xB7 "));
  if (reasons.length > 0) lines.push("", ...reasons.map((reason) => `- ${escapeInline(reason)}`));
  return lines.join("\n");
}
function keyNumbers(metrics) {
  const numbers = [];
  const results2 = metrics.test?.results;
  if (results2 !== void 0) {
    const parts = [`**${results2.passed}** passed`];
    if (results2.failed > 0) parts.push(`**${results2.failed}** failed`);
    if (results2.errors > 0) parts.push(`**${results2.errors}** ${plural(results2.errors, "error")}`);
    if (results2.skipped > 0) parts.push(`${results2.skipped} skipped`);
    if (results2.xfailed > 0) parts.push(`${results2.xfailed} xfailed`);
    if (results2.xpassed > 0) parts.push(`${results2.xpassed} xpassed`);
    numbers.push(parts.join(", "));
  }
  const coverage2 = metrics.test?.coverage;
  if (coverage2 !== void 0) {
    const delta = metrics.baseline?.kind === "compared" ? ` (${deltaMark(metrics.baseline.deltaDisplay)})` : "";
    const partial = partialCoverage(results2);
    const mark = partial === void 0 ? "" : ` (${escapeInline(partial)})`;
    numbers.push(`coverage **${escapeInline(coverage2.percentDisplay)}%**${delta}${mark}`);
  }
  const diff = metrics.diffCoverage;
  if (diff?.measured) numbers.push(`changed lines **${escapeInline(diff.percentDisplay)}%**`);
  const build2 = metrics.build;
  if (build2 !== void 0) {
    const dist = build2.wheel ?? build2.sdist;
    if (!build2.ok) numbers.push("build **failed**");
    else if (dist !== void 0) {
      numbers.push(`built ${escapeInline(dist.name)} ${escapeInline(dist.version)}`);
    }
  }
  return numbers;
}
function buildSection(build2, artifact) {
  const lines = ["### Build", ""];
  const dists = [build2.sdist, build2.wheel].filter((dist2) => dist2 !== void 0);
  const dist = build2.wheel ?? build2.sdist;
  const status = build2.ok ? "\u2705" : "\u274C Build failed \xB7";
  const identity = dist === void 0 ? "" : ` **${escapeInline(dist.name)}** ${escapeInline(dist.version)} \xB7`;
  const kept = artifact ? ` \xB7 kept as artifact **${escapeInline(artifact.name)}**` : "";
  lines.push(`${status}${identity} twine check: ${twine(build2.twineCheck)}${kept}`);
  if (dists.length > 0) {
    lines.push(
      "",
      ...table2(
        ["file", "size", "sha256"],
        ["---", "---:", "---"],
        dists.map((file) => [escapeInline(file.fileName), formatSize(file.size), shortSha2(file)])
      ),
      "",
      "<details><summary>Full sha256 digests</summary>",
      "",
      codeBlock(dists.map((file) => `${file.sha256}  ${file.fileName}`).join("\n")),
      "",
      "</details>"
    );
  }
  for (const problem of build2.problems) lines.push("", ...noteLines("\u274C", problem));
  for (const warning of build2.warnings) lines.push("", ...noteLines("\u26A0\uFE0F", warning));
  if (build2.error !== void 0 && build2.error !== "") lines.push("", codeBlock(build2.error));
  return lines.join("\n");
}
function twine(check) {
  if (check === "passed") return "passed";
  if (check === "failed") return "**failed**";
  return "not available";
}
function shortSha2(file) {
  const short2 = file.sha256.slice(0, 12);
  return /^[0-9a-f]+$/i.test(short2) ? `\`${short2}\`` : escapeInline(short2);
}
function testSection(run, maxProblems, maxSlowest) {
  const lines = ["### Tests", ""];
  const results2 = run.results;
  if (results2 === void 0) {
    const how = run.stopped ?? `pytest exited with code ${run.exitCode}`;
    lines.push(`\u274C ${escapeInline(how)} and left no test report.`);
    return lines.join("\n");
  }
  const bad = results2.failed + results2.errors;
  lines.push(`${bad > 0 ? "\u274C" : "\u2705"} ${testCounts(results2)} in ${formatSeconds(results2.seconds)}`);
  if (run.stopped !== void 0)
    lines.push("", `\u26A0\uFE0F ${escapeInline(run.stopped)}: the tests after that did not run.`);
  else if (results2.interrupted !== void 0)
    lines.push("", `\u26A0\uFE0F ${escapeInline(describeStop(results2))}`);
  const shown = results2.problems.slice(0, Math.max(0, maxProblems));
  if (shown.length > 0) {
    lines.push("", "#### Failures and errors", "");
    for (const problem of shown) lines.push(problemBlock(problem), "");
    const more = bad - shown.length;
    if (more > 0) {
      lines.push(`\u2026and ${more} more failing ${plural(more, "test")}: see the log of this step.`);
    }
  }
  const slowest = results2.slowest.slice(0, Math.max(0, maxSlowest));
  if (slowest.length > 0) {
    lines.push(
      "",
      `<details><summary>Slowest ${plural(slowest.length, "test")}</summary>`,
      "",
      ...table2(
        ["test", "seconds"],
        ["---", "---:"],
        slowest.map((slow) => [clipInline(slow.id, MAX_ID), slow.seconds.toFixed(2)])
      ),
      "",
      "</details>"
    );
  }
  return lines.join("\n").trimEnd();
}
function describeCounts(results2) {
  const collection = results2.collectionErrors > 0 ? ` (${results2.collectionErrors} during collection)` : "";
  const parts = [
    `${results2.passed} passed`,
    `${results2.failed} failed`,
    `${results2.errors} ${plural(results2.errors, "error")}${collection}`,
    `${results2.skipped} skipped`
  ];
  if (results2.xfailed > 0) parts.push(`${results2.xfailed} xfailed`);
  if (results2.xpassed > 0) parts.push(`${results2.xpassed} xpassed`);
  return parts.join(", ");
}
function testCounts(results2) {
  return `${results2.tests} ${plural(results2.tests, "test")}: ${describeCounts(results2)}`;
}
function stoppedAtCollection(results2) {
  return results2.interrupted !== void 0 && results2.tests === 0 && results2.collectionErrors > 0;
}
function describeStop(results2) {
  const why = (results2.interrupted ?? "").replace(/^Interrupted: /, "");
  if (stoppedAtCollection(results2)) return `pytest stopped at collection (${why}): no test ran.`;
  return `pytest stopped before the end (${why}): the tests after that did not run.`;
}
function partialCoverage(results2) {
  if (results2?.interrupted === void 0) return void 0;
  if (stoppedAtCollection(results2)) return "partial: collection stopped";
  return "partial: pytest stopped early";
}
function describeTools(metrics) {
  const tools = metrics.test?.tools;
  const parts = [
    tools?.pytest === void 0 ? void 0 : `pytest ${tools.pytest}`,
    tools?.coverage === void 0 ? void 0 : `coverage ${tools.coverage}`,
    metrics.build?.backend
  ].filter((part) => part !== void 0);
  return parts.length > 0 ? parts.join(" \xB7 ") : void 0;
}
function problemBlock(problem) {
  const message = problem.message === "" ? "" : ` \u2014 ${clipInline(problem.message, MAX_MESSAGE2)}`;
  return [
    `<details><summary>${clipInline(problem.id, MAX_ID)}${message}</summary>`,
    "",
    codeBlock(problem.details),
    "",
    "</details>"
  ].join("\n");
}
function coverageSection(coverage2, maxFiles, baseline2, results2) {
  const lines = ["### Coverage", ""];
  const partial = partialCoverage(results2);
  const mark = partial === void 0 ? "" : ` (${escapeInline(partial)})`;
  const parts = [`**${escapeInline(coverage2.percentDisplay)}%**${mark}`];
  parts.push(`lines ${coverage2.coveredLines}/${coverage2.statements}`);
  if (coverage2.branches > 0) parts.push(`branches ${coverage2.coveredBranches}/${coverage2.branches}`);
  lines.push(parts.join(" \xB7 "));
  if (results2 !== void 0 && partial !== void 0) {
    const only = stoppedAtCollection(results2) ? "what importing the test modules ran" : "the tests that ran before pytest stopped";
    lines.push("", `\u26A0\uFE0F ${escapeInline(describeStop(results2))} The total counts only ${only}.`);
  }
  if (baseline2 !== void 0) lines.push("", ...baselineLines(baseline2, coverage2, maxFiles));
  if (coverage2.sourceNote !== "") lines.push("", `Measured: ${escapeInline(coverage2.sourceNote)}`);
  const files = [...coverage2.files].sort(leastCoveredFirst);
  const shown = files.slice(0, Math.max(0, maxFiles));
  if (shown.length > 0) {
    lines.push(
      "",
      ...table2(
        ["file", "stmts", "miss", "branch", "partial", "cover"],
        ["---", "---:", "---:", "---:", "---:", "---:"],
        shown.map((file) => [
          clipInline(file.path, MAX_ID),
          String(file.statements),
          String(file.missing),
          String(file.branches),
          String(file.partialBranches),
          `${escapeInline(file.percentDisplay)}%`
        ])
      )
    );
  }
  const left = files.length - shown.length;
  const next = files[shown.length];
  if (left > 0 && next !== void 0) {
    lines.push(
      "",
      `${left} more ${plural(left, "file")} not shown, each covered ${escapeInline(next.percentDisplay)}% or more.`
    );
  }
  return lines.join("\n");
}
var MAX_DELTA_FILES = 20;
function baselineLines(baseline2, coverage2, maxFiles) {
  const branch = escapeInline(baseline2.branch);
  if (baseline2.kind !== "compared") {
    const mark = baseline2.kind === "unreadable" ? "\u26A0\uFE0F" : "\u2139\uFE0F";
    return [`${mark} Against the base branch: ${escapeInline(baseline2.note)}`];
  }
  const { base } = baseline2;
  const sha = shortSha(base.sha);
  const numbers = [`lines ${base.coveredLines}/${base.statements}`];
  if (base.branches > 0) numbers.push(`branches ${base.coveredBranches}/${base.branches}`);
  const lines = [
    `**${deltaMark(baseline2.deltaDisplay)}** points against **${branch}**: ${escapeInline(base.percentDisplay)}%${sha ? ` at \`${sha}\`` : ""} (${numbers.join(", ")})`
  ];
  const shown = baseline2.files.slice(0, Math.min(MAX_DELTA_FILES, Math.max(0, maxFiles)));
  if (shown.length === 0) return lines;
  const precision = precisionOf(coverage2.percentDisplay);
  const count4 = baseline2.files.length;
  lines.push(
    "",
    `<details><summary>${count4} ${plural(count4, "file")} with changed coverage</summary>`,
    "",
    ...table2(
      ["file", branch, "now", "\xB1"],
      ["---", "---:", "---:", "---:"],
      shown.map((file) => [
        clipInline(file.path, MAX_ID),
        file.basePercentDisplay === void 0 ? "new" : `${escapeInline(file.basePercentDisplay)}%`,
        `${escapeInline(file.percentDisplay)}%`,
        file.delta === void 0 ? "" : deltaMark(formatDelta(file.delta, precision))
      ])
    )
  );
  if (count4 > shown.length) lines.push("", `\u2026and ${count4 - shown.length} more.`);
  lines.push("", "</details>");
  return lines;
}
function uncoveredFirst(a, b) {
  const gaps = Number(b.uncoveredLines.length > 0) - Number(a.uncoveredLines.length > 0);
  if (gaps !== 0) return gaps;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
var MAX_RANGES_TEXT = 300;
function rangesCell(file) {
  const ranges = file.uncoveredRanges;
  if (ranges.length <= MAX_RANGES_TEXT) return escapeInline(ranges);
  const cut2 = ranges.slice(0, ranges.lastIndexOf(", ", MAX_RANGES_TEXT));
  return `${escapeInline(cut2)}, \u2026 (${file.uncoveredLines.length} lines in all)`;
}
function filePercent(percent3) {
  return percent3.toFixed(1).replace(/\.0$/, "");
}
function diffSourceText(diff, code) {
  if (diff.source === void 0) return "";
  if (diff.source === "pull request files API") return "from the pull request files API";
  return `from git diff ${code(shortBase(diff.base ?? ""))}...HEAD`;
}
function changedLinesSection(diff, maxFiles) {
  const lines = ["### Changed lines", ""];
  if (!diff.measured) {
    lines.push(`Not measured: ${escapeInline(diff.reason)}`);
    return lines.join("\n");
  }
  const missing = diff.coverableLines - diff.coveredLines;
  lines.push(
    [
      `**${escapeInline(diff.percentDisplay)}%** of the changed lines that coverage measures`,
      `${diff.coveredLines}/${diff.coverableLines} covered, ${missing} missing`,
      `${diff.changedLines} ${plural(diff.changedLines, "line")} changed`,
      diffSourceText(
        diff,
        (base) => /^[0-9a-f]+$/.test(base) ? `\`${base}\`` : escapeInline(base)
      )
    ].join(" \xB7 ")
  );
  const files = [...diff.files].sort(uncoveredFirst);
  const shown = files.slice(0, Math.max(0, maxFiles));
  if (shown.length > 0) {
    const rows = table2(
      ["file", "covered", "cover", "uncovered lines"],
      ["---", "---:", "---:", "---"],
      shown.map((file) => [
        clipInline(file.path, MAX_ID),
        `${file.covered}/${file.coverable}`,
        `${filePercent(file.percent)}%`,
        rangesCell(file)
      ])
    );
    if (shown.length > 10) {
      const gaps = files.filter((file) => file.uncoveredLines.length > 0).length;
      lines.push(
        "",
        `<details><summary>${files.length} changed ${plural(files.length, "file")}, ${gaps} with uncovered lines</summary>`,
        "",
        ...rows,
        "",
        "</details>"
      );
    } else lines.push("", ...rows);
  }
  const left = files.length - shown.length;
  if (left > 0) {
    const gaps = files.slice(shown.length).filter((file) => file.uncoveredLines.length > 0).length;
    lines.push(
      "",
      `${left} more changed ${plural(left, "file")} not shown, ${gaps} of them with uncovered lines.`
    );
  }
  if (diff.unreadFiles.length > 0) {
    const names = diff.unreadFiles.slice(0, 20).map((name) => clipInline(name, MAX_ID)).join(", ");
    const more = diff.unreadFiles.length > 20 ? ` and ${diff.unreadFiles.length - 20} more` : "";
    lines.push("", `Not measured (binary, or a diff too large to list): ${names}${more}`);
  }
  return lines.join("\n");
}
function leastCoveredFirst(a, b) {
  if (a.percent !== b.percent) return a.percent - b.percent;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
function failuresSection(stages) {
  const lines = ["### What failed"];
  for (const stage2 of stages) {
    lines.push(
      "",
      `\u274C **${stage2.name}**: ${escapeInline(stage2.summary)}`,
      "",
      codeBlock(stage2.detail ?? "")
    );
  }
  return lines.join("\n");
}
function noteLines(mark, note) {
  const [first = "", ...rest] = note.split(/\r\n?|\n/);
  const output = rest.join("\n").trim();
  return [`${mark} ${escapeInline(first)}`, ...output === "" ? [] : ["", codeBlock(output)]];
}
function notesSection(notes) {
  const lines = ["### Notes"];
  for (const note of notes) lines.push("", ...noteLines("\u26A0\uFE0F", note));
  return lines.join("\n");
}
var PUBLISH_OUTCOME = {
  uploaded: "\u2705 uploaded",
  skipped: "\u23ED\uFE0F skipped (already there)",
  failed: "\u274C failed"
};
function publishSection(publish) {
  const lines = ["### Publish", ""];
  const where = publish.repositoryUrl === void 0 ? "" : ` to ${escapeUrl(publish.repositoryUrl)}`;
  const tag = publish.tag === void 0 ? "" : ` ${escapeInline(publish.tag)}`;
  const how = publish.credential === void 0 ? "" : ` with ${publish.credential}`;
  if (publish.status === "skipped") {
    lines.push(`\u23ED\uFE0F Not published: ${escapeInline(publish.reasons.join("; "))}`);
  } else if (publish.status === "refused") {
    lines.push(`\u274C Refused to publish${tag}${where}; nothing was uploaded:`, "");
    lines.push(...publish.reasons.map((reason) => `- ${escapeInline(reason)}`));
  } else if (publish.status === "failed") {
    lines.push(
      `\u274C Publishing${tag}${where}${how} failed: ${escapeInline(publish.reasons.join("; "))}`
    );
  } else {
    lines.push(`\u2705 Published${tag}${where}${how}`);
  }
  if (publish.details.length > 0) lines.push("", codeBlock(publish.details.join("\n")));
  if (publish.files.length > 0) {
    lines.push(
      "",
      ...table2(
        ["file", "size", "sha256", "result"],
        ["---", "---:", "---", "---"],
        publish.files.map((file) => [
          escapeInline(file.fileName),
          formatSize(file.size),
          `\`${file.sha256.replace(/[^0-9a-f]/gi, "")}\``,
          `${PUBLISH_OUTCOME[file.outcome]}${file.attempts > 1 ? ` after ${file.attempts} attempts` : ""}${file.message ? `: ${escapeInline(file.message)}` : ""}`
        ])
      )
    );
  }
  if (publish.projectUrl !== void 0 && publish.status === "published") {
    lines.push("", `Project: ${escapeUrl(publish.projectUrl)}`);
  }
  return lines.join("\n");
}
function codeSpan(text5) {
  const shown = withoutHidden(text5).replace(/\n/g, " ");
  return shown.includes("`") ? escapeInline(shown) : `\`${shown}\``;
}
function successRateParts(history, branch, text5) {
  if (history.kind === "not-measured") {
    return { where: "", value: `not measured (${text5(history.reason)})` };
  }
  const where = ` on ${branch(history.branch)}`;
  const left = history.notCounted > 0 ? `${history.notCounted} skipped or cancelled not counted` : void 0;
  if (history.kind === "no-runs") {
    return { where, value: `no completed runs yet${left ? ` (${left})` : ""}` };
  }
  const runs = `${history.successes} of ${history.completed} completed ${plural(history.completed, "run")}`;
  return { where, value: `${history.percent}% (${runs}${left ? `; ${left}` : ""})` };
}
function successRateLine(history) {
  const { where, value: value2 } = successRateParts(history, codeSpan, escapeInline);
  return `Build success rate${where}: ${value2}`;
}
function describeHistory(history) {
  const { where, value: value2 } = successRateParts(history, plain, plain);
  return `${value2}${where}`;
}
function describeLint(lint) {
  return `${lint.tool} ${lint.version} found ${lint.problems} ${plural(lint.problems, "problem")}`;
}
var STATUS_ICON = {
  ok: "\u2705 ok",
  failed: "\u274C failed",
  skipped: "\u23ED\uFE0F skipped"
};
function stagesSection(stages) {
  return [
    "### Stages",
    "",
    ...table2(
      ["stage", "status", "seconds", "summary"],
      ["---", "---", "---:", "---"],
      stages.map((stage2) => [
        escapeInline(stage2.name),
        STATUS_ICON[stage2.status],
        (stage2.durationMs / 1e3).toFixed(1),
        escapeInline(stage2.summary)
      ])
    )
  ].join("\n");
}
function table2(headers, align, rows) {
  const row = (cells) => `| ${cells.join(" | ")} |`;
  return [row(headers), row(align), ...rows.map(row)];
}
function plural(count4, word) {
  return count4 === 1 ? word : `${word}s`;
}
var TEXT_STATUS = { ok: "\u2713", failed: "\u2717", skipped: "-" };
function renderText(metrics) {
  const lines = [
    `${metrics.verdict.ok ? "\u2713" : "\u2717"} ${DEFAULT_TITLE} ${metrics.verdict.ok ? "passed" : "failed"}`
  ];
  for (const reason of metrics.verdict.reasons) lines.push(`  - ${plain(reason)}`);
  if (metrics.python !== void 0) {
    const { version: version2, path: path30, origin } = metrics.python;
    lines.push(`python    ${plain(version2)} ${plain(path30)} (${plain(origin)})`);
  }
  const tools = describeTools(metrics);
  if (tools !== void 0) lines.push(`tools     ${plain(tools)}`);
  if (metrics.build !== void 0) lines.push(...buildText(metrics.build));
  const run = metrics.test;
  if (run !== void 0) {
    lines.push(...testText(run));
    if (run.coverage !== void 0) lines.push(coverageText(run.coverage, run.results));
    if (metrics.baseline !== void 0)
      lines.push(`baseline  ${plain(describeBaseline(metrics.baseline))}`);
    if (metrics.diffCoverage !== void 0) {
      lines.push(`diff      ${describeDiffCoverage(metrics.diffCoverage)}`);
    }
    for (const note of run.notes) lines.push(indent(`note      ${plain(note)}`));
  }
  if (metrics.history !== void 0) lines.push(`history   ${describeHistory(metrics.history)}`);
  if (metrics.lint !== void 0) lines.push(`lint      ${plain(describeLint(metrics.lint))}`);
  if (metrics.publish !== void 0) lines.push(publishText(metrics.publish));
  if (metrics.stages.length > 0) {
    lines.push("stages");
    for (const stage2 of metrics.stages) {
      const summary2 = stage2.summary === "" ? "" : `: ${plain(stage2.summary)}`;
      const seconds2 = (stage2.durationMs / 1e3).toFixed(1);
      lines.push(`  ${TEXT_STATUS[stage2.status]} ${stage2.name} ${seconds2}s${summary2}`);
    }
  }
  return `${lines.join("\n")}
`;
}
function buildText(build2) {
  const dists = [build2.sdist, build2.wheel].filter((dist2) => dist2 !== void 0);
  const files = dists.map((file) => `${plain(file.fileName)} (${formatSize(file.size)})`);
  const dist = build2.wheel ?? build2.sdist;
  const identity = dist === void 0 ? "" : `${plain(dist.name)} ${plain(dist.version)}: `;
  const lines = [
    `build     ${build2.ok ? "" : "FAILED "}${identity}${files.join(", ") || "nothing built"}; twine check ${build2.twineCheck}`
  ];
  for (const problem of build2.problems) lines.push(`          ! ${plain(problem)}`);
  for (const warning of build2.warnings) lines.push(`          ? ${plain(warning)}`);
  if (build2.error !== void 0 && build2.error !== "") lines.push(indent(plain(build2.error), 10));
  return lines;
}
function publishText(publish) {
  const files = publish.files.map((f) => `${plain(f.fileName)} ${f.outcome}`).join(", ");
  const why = publish.reasons.length > 0 ? `: ${plain(publish.reasons.join("; "))}` : "";
  return `publish   ${publish.status}${why}${files ? ` (${files})` : ""}`;
}
function testText(run) {
  const results2 = run.results;
  if (results2 === void 0)
    return [`tests     ${plain(run.stopped ?? `pytest exited ${run.exitCode}`)}, no test report`];
  const lines = [`tests     ${testCounts(results2)} in ${formatSeconds(results2.seconds)}`];
  if (results2.interrupted !== void 0) lines.push(`          ${plain(describeStop(results2))}`);
  for (const problem of results2.problems) {
    const label = problem.kind === "failure" ? "FAILED" : "ERROR ";
    const message = problem.message === "" ? "" : ` - ${plain(oneLine(problem.message))}`;
    lines.push(`          ${label} ${plain(oneLine(problem.id))}${message}`);
  }
  const more = results2.failed + results2.errors - results2.problems.length;
  if (more > 0) lines.push(`          \u2026and ${more} more`);
  return lines;
}
function describeDiffCoverage(diff) {
  if (!diff.measured) return `not measured: ${plain(diff.reason)}`;
  const missing = diff.coverableLines - diff.coveredLines;
  const lines = `${diff.coverableLines} changed ${plural(diff.coverableLines, "line")}`;
  return `${diff.percentDisplay}% of ${lines} (${missing} missing), ${diffSourceText(diff, plain)}`;
}
function coverageText(coverage2, results2) {
  const branches = coverage2.branches > 0 ? `, branches ${coverage2.coveredBranches}/${coverage2.branches}` : "";
  const source = coverage2.sourceNote === "" ? "" : ` of ${plain(coverage2.sourceNote)}`;
  const partial = partialCoverage(results2);
  const mark = partial === void 0 ? "" : ` (${partial})`;
  return `coverage  ${plain(coverage2.percentDisplay)}%${mark} (lines ${coverage2.coveredLines}/${coverage2.statements}${branches})${source}`;
}
function plain(text5) {
  const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
  return text5.replace(/\r\n?/g, "\n").replace(controls, "?");
}
function oneLine(text5) {
  return text5.replace(/\r\n?|\n/g, " ");
}
function indent(text5, width = 10) {
  return text5.replaceAll("\n", `
${" ".repeat(width)}`);
}

// src/comment/companion.ts
var import_node_fs10 = __toESM(require_node_fs(), 1);
var import_node_path7 = __toESM(require_node_path(), 1);

// src/github/rest.ts
var GitHubApiError = class extends Error {
  constructor(request, status, githubMessage2, attempts = 1) {
    super(
      `${request} ${status === 0 ? "got no response" : `returned ${status}`}${githubMessage2 ? `: ${githubMessage2}` : ""}`
    );
    this.request = request;
    this.status = status;
    this.githubMessage = githubMessage2;
    this.attempts = attempts;
  }
  request;
  status;
  githubMessage;
  attempts;
  name = "GitHubApiError";
};
var DEFAULT_API = "https://api.github.com";
var realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function header(headers, name) {
  const value2 = headers[name];
  return Array.isArray(value2) ? value2[0] : value2;
}
function nextLink(link) {
  if (!link) return void 0;
  for (const part of link.split(",")) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (m && /(^|;)\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/.test(m[2] ?? "")) return m[1];
  }
  return void 0;
}
function githubMessage(body) {
  try {
    const parsed = JSON.parse(body);
    if (typeof parsed.message === "string") {
      const errors = Array.isArray(parsed.errors) ? parsed.errors.map(
        (e) => typeof e === "string" ? e : e && typeof e === "object" && "message" in e && typeof e.message === "string" ? e.message : ""
      ).filter((e) => e !== "") : [];
      return errors.length ? `${parsed.message} (${errors.join("; ")})` : parsed.message;
    }
  } catch {
  }
  return body.replace(/\s+/g, " ").trim().slice(0, 200);
}
var GitHubClient = class {
  constructor(options) {
    this.options = options;
    const base = (options.env.GITHUB_API_URL || DEFAULT_API).replace(/\/+$/, "");
    this.base = new URL(`${base}/`);
    this.attempts = Math.max(1, options.attempts ?? 4);
    this.baseDelayMs = options.baseDelayMs ?? 1e3;
    this.maxWaitMs = options.maxWaitMs ?? 6e4;
    this.sleep = options.sleep ?? realSleep;
    this.http = new HttpClient("python-ci-action", [], { allowRetries: false, keepAlive: false });
  }
  options;
  http;
  base;
  attempts;
  baseDelayMs;
  maxWaitMs;
  sleep;
  /** An absolute URL for a path such as /repos/o/r/issues/1/comments (the base's own path kept, for GHES /api/v3). */
  url(path30) {
    return new URL(path30.replace(/^\/+/, ""), this.base).toString();
  }
  async request(method, path30, body) {
    return this.requestUrl(method, this.url(path30), body);
  }
  /** Every item of a list endpoint, following rel="next" links on the API's own host only. */
  async paginate(path30) {
    const items = [];
    let url = this.url(path30);
    while (url !== void 0) {
      const page = await this.requestUrl("GET", url);
      if (!Array.isArray(page.data)) {
        throw new GitHubApiError(`GET ${new URL(url).pathname}`, page.status, "not a list");
      }
      items.push(...page.data);
      const next = nextLink(header(page.headers, "link"));
      url = next !== void 0 && new URL(next).origin === this.base.origin ? next : void 0;
    }
    return items;
  }
  async requestUrl(method, url, body) {
    const parsed = new URL(url);
    const what = `${method} ${parsed.pathname}${parsed.search}`;
    const headers = {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${this.options.token}`,
      "x-github-api-version": "2022-11-28",
      ...body === void 0 ? {} : { "content-type": "application/json" }
    };
    const data = body === void 0 ? null : JSON.stringify(body);
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      let text5 = "";
      let responseHeaders = {};
      try {
        const response = await this.http.request(method, url, data, headers);
        status = response.message.statusCode ?? 0;
        responseHeaders = response.message.headers;
        text5 = await response.readBody();
      } catch (error) {
        text5 = errorMessage(error);
      }
      if (status >= 200 && status < 300) {
        return {
          status,
          headers: responseHeaders,
          data: text5 === "" ? void 0 : JSON.parse(text5)
        };
      }
      const message = status === 0 ? text5 : githubMessage(text5);
      const wait = this.retryWait(status, responseHeaders, message, attempt);
      if (wait === void 0 || attempt >= this.attempts) {
        throw new GitHubApiError(what, status, message, attempt);
      }
      this.options.onRetry?.(
        `${what} ${status === 0 ? `failed (${message})` : `returned ${status}`}; retrying in ${(wait / 1e3).toFixed(1)} s (attempt ${attempt + 1} of ${this.attempts})`
      );
      await this.sleep(wait);
    }
  }
  /** How long to wait before the next attempt, or undefined when this failure is final. */
  retryWait(status, headers, message, attempt) {
    const backoff = this.baseDelayMs * 2 ** (attempt - 1);
    if (status === 0 || status >= 500) return backoff;
    if (status !== 403 && status !== 429) return void 0;
    const retryAfter = header(headers, "retry-after");
    if (retryAfter !== void 0 && /^\d+$/.test(retryAfter.trim())) {
      const ms = Number(retryAfter) * 1e3;
      return ms <= this.maxWaitMs ? ms : void 0;
    }
    if (header(headers, "x-ratelimit-remaining") === "0") {
      const reset = Number(header(headers, "x-ratelimit-reset"));
      const ms = Number.isFinite(reset) ? reset * 1e3 - Date.now() + 1e3 : backoff;
      return ms <= this.maxWaitMs ? Math.max(ms, 0) : void 0;
    }
    if (/secondary rate limit/i.test(message)) return this.maxWaitMs >= 6e4 ? 6e4 : void 0;
    return status === 429 ? backoff : void 0;
  }
};

// src/github/outages.ts
var STILL_REPORTED = "The results are in the job summary and the outputs of this step.";
var HEADLINE = {
  github: (cause) => `GitHub's API did not answer (${cause})`,
  artifacts: (cause) => `The Actions artifact service failed (${cause})`,
  cache: (cause) => cause
};
var TAIL = {
  github: `. ${STILL_REPORTED}`,
  artifacts: `. ${STILL_REPORTED}`,
  cache: "; the run goes on without the cache."
};
var CONNECTION = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|socket hang up|other side closed|fetch failed/i;
function oneLine2(text5) {
  return text5.replace(/\s*(?:[\r\n]|%0A|%0D)+\s*/gi, " ").trim();
}
function outageCause(error) {
  if (error instanceof GitHubApiError) {
    const tries = error.attempts > 1 ? ` after ${error.attempts} tries` : "";
    if (error.status === 0) return `no response${tries}: ${oneLine2(error.githubMessage)}`;
    if (error.status >= 500) return `HTTP ${error.status}${tries}`;
    if (error.status === 429 || error.status === 403 && /rate limit/i.test(error.githubMessage))
      return `rate limited, HTTP ${error.status}${tries}`;
    return void 0;
  }
  const status = error !== null && typeof error === "object" && "status" in error ? error.status : void 0;
  if (typeof status === "number" && (status >= 500 || status === 429)) return `HTTP ${status}`;
  const message = oneLine2(errorMessage(error));
  if (CONNECTION.test(message)) return `no connection: ${message.slice(0, 200)}`;
  return void 0;
}
var Outages = class {
  seen = /* @__PURE__ */ new Map();
  /** Notes the fault of `service` with `cause`, so that `skipped` did not happen. */
  record(service, cause, skipped) {
    const entry = this.seen.get(service) ?? { cause: oneLine2(cause), skipped: [] };
    if (!entry.skipped.includes(skipped)) entry.skipped.push(skipped);
    this.seen.set(service, entry);
  }
  /**
   * Notes the error when it is an outage and says whether it was; a caller
   * given false warns on its own. The artifact service's faults all count:
   * its one job is the upload that failed.
   */
  note(service, error, skipped) {
    const cause = outageCause(error) ?? (service === "artifacts" ? oneLine2(errorMessage(error)).slice(0, 300) : void 0);
    if (cause === void 0) return false;
    this.record(service, cause, skipped);
    return true;
  }
  has(service) {
    return this.seen.has(service);
  }
  /** One line per service that failed. */
  warnings() {
    return [...this.seen].map(
      ([service, { cause, skipped }]) => `${HEADLINE[service](cause)}: ${skipped.join(", ")}${TAIL[service]}`
    );
  }
  /** Logs the warnings, once: what is reported is forgotten. */
  report(log) {
    for (const warning of this.warnings()) log.warning(warning);
    this.seen.clear();
  }
};

// src/comment/results.ts
var LIMITS = {
  text: 1e3,
  id: 2e3,
  details: 4e3,
  reasons: 20,
  problems: 50,
  slowest: 20,
  files: 1e3,
  notes: 20,
  lines: 1e4
};
var ResultsSchemaError = class extends Error {
  name = "ResultsSchemaError";
};
function fail(at, what) {
  throw new ResultsSchemaError(`${at} ${what}`);
}
var text2 = (max = LIMITS.text, pattern) => (value2, at) => {
  if (typeof value2 !== "string") fail(at, "is not a string");
  if (value2.length > max) fail(at, `is longer than ${max} characters`);
  if (pattern !== void 0 && !pattern.test(value2)) fail(at, "has an unexpected form");
  return defang(value2);
};
var integer = (max = Number.MAX_SAFE_INTEGER) => (value2, at) => {
  if (typeof value2 !== "number" || !Number.isSafeInteger(value2) || value2 < 0 || value2 > max)
    fail(at, `is not a whole number from 0 to ${max}`);
  return value2;
};
var real = (min, max) => (value2, at) => {
  if (typeof value2 !== "number" || !Number.isFinite(value2) || value2 < min || value2 > max)
    fail(at, `is not a number from ${min} to ${max}`);
  return value2;
};
var flag = (value2, at) => {
  if (typeof value2 !== "boolean") fail(at, "is not true or false");
  return value2;
};
var oneOf = (...choices) => (value2, at) => {
  if (!choices.includes(value2)) fail(at, `is not one of ${choices.join(", ")}`);
  return value2;
};
var list = (item, max) => (value2, at) => {
  if (!Array.isArray(value2)) fail(at, "is not a list");
  if (value2.length > max) fail(at, `has more than ${max} items`);
  return value2.map((v, i) => item(v, `${at}[${i}]`));
};
function record(fields, optional2 = []) {
  return (value2, at) => {
    if (value2 === null || typeof value2 !== "object" || Array.isArray(value2))
      fail(at, "is not an object");
    const source = value2;
    const out = {};
    for (const key of Object.keys(fields)) {
      const v = source[key];
      if (v === void 0 || v === null) {
        if (optional2.includes(key)) continue;
        fail(`${at}.${key}`, "is missing");
      }
      out[key] = fields[key](v, `${at}.${key}`);
    }
    return out;
  };
}
function defang(value2) {
  return value2.replace(/\b(https?|ftp)(?=:\/\/)/gi, "$1\u200B").replace(/\bwww(?=\.)/gi, "www\u200B");
}
var PERCENT = /^\d{1,3}(?:\.\d{1,6})?$/;
var SIGNED = /^[+-]?\d{1,3}(?:\.\d{1,6})?$/;
var HEX = /^[0-9a-f]{0,64}$/i;
var RANGES = /^[0-9, -]*$/;
var distFile = record({
  path: text2(),
  fileName: text2(),
  kind: oneOf("sdist", "wheel"),
  size: integer(),
  sha256: text2(64, HEX),
  name: text2(),
  version: text2()
});
var build = record(
  {
    ok: flag,
    sdist: distFile,
    wheel: distFile,
    problems: list(text2(LIMITS.details), LIMITS.notes),
    warnings: list(text2(LIMITS.details), LIMITS.notes),
    twineCheck: oneOf("passed", "failed", "not available"),
    error: text2(LIMITS.details),
    backend: text2()
  },
  ["sdist", "wheel", "error", "backend"]
);
var results = record(
  {
    tests: integer(),
    passed: integer(),
    failed: integer(),
    skipped: integer(),
    xfailed: integer(),
    xpassed: integer(),
    errors: integer(),
    collectionErrors: integer(),
    interrupted: text2(),
    seconds: real(0, 1e9),
    problems: list(
      record(
        {
          kind: oneOf("failure", "error", "collection"),
          id: text2(LIMITS.id),
          file: text2(),
          line: integer(),
          message: text2(),
          details: text2(LIMITS.details)
        },
        ["file", "line"]
      ),
      LIMITS.problems
    ),
    slowest: list(record({ id: text2(LIMITS.id), seconds: real(0, 1e9) }), LIMITS.slowest)
  },
  ["interrupted"]
);
var totals = {
  percent: real(0, 100),
  percentDisplay: text2(12, PERCENT),
  coveredLines: integer(),
  statements: integer(),
  coveredBranches: integer(),
  branches: integer()
};
var coverage = record({
  ...totals,
  files: list(
    record({
      path: text2(),
      statements: integer(),
      missing: integer(),
      branches: integer(),
      partialBranches: integer(),
      percent: real(0, 100),
      percentDisplay: text2(12, PERCENT),
      missingLines: list(integer(), LIMITS.lines)
    }),
    LIMITS.files
  ),
  sourceNote: text2()
});
var testRun = record(
  {
    ok: flag,
    exitCode: integer(255),
    results,
    coverage,
    tools: record({ pytest: text2(40), coverage: text2(40) }, ["pytest", "coverage"]),
    notes: list(text2(LIMITS.details), LIMITS.notes),
    stopped: text2()
  },
  ["results", "coverage", "tools", "stopped"]
);
var diffFile = record({
  path: text2(),
  coverable: integer(),
  covered: integer(),
  percent: real(0, 100),
  uncoveredLines: list(integer(), LIMITS.lines),
  uncoveredRanges: text2(LIMITS.details, RANGES)
});
var diffSource = oneOf("git diff base...HEAD", "pull request files API");
var diffCoverage = (value2, at) => {
  const measured = record({ measured: flag })(value2, at).measured;
  if (!measured) {
    return {
      measured: false,
      ...record({ reason: text2(), source: diffSource, base: text2(80) }, ["source", "base"])(
        value2,
        at
      )
    };
  }
  return {
    measured: true,
    ...record({
      changedLines: integer(),
      coverableLines: integer(),
      coveredLines: integer(),
      percent: real(0, 100),
      percentTruncated: integer(100),
      files: list(diffFile, LIMITS.files),
      source: diffSource,
      base: text2(80),
      percentDisplay: text2(12, PERCENT),
      unreadFiles: list(text2(), LIMITS.files)
    })(value2, at)
  };
};
var baseline = (value2, at) => {
  const { kind } = record({ kind: oneOf("compared", "missing", "unreadable", "not-looked-up") })(
    value2,
    at
  );
  if (kind !== "compared") return { kind, ...record({ branch: text2(), note: text2() })(value2, at) };
  return {
    kind,
    ...record({
      branch: text2(255),
      artifact: text2(),
      base: record({ sha: text2(64, HEX), ...totals }),
      delta: real(-100, 100),
      deltaDisplay: text2(12, SIGNED),
      files: list(
        record(
          {
            path: text2(),
            basePercent: real(0, 100),
            basePercentDisplay: text2(12, PERCENT),
            percent: real(0, 100),
            percentDisplay: text2(12, PERCENT),
            delta: real(-100, 100)
          },
          ["basePercent", "basePercentDisplay", "delta"]
        ),
        LIMITS.files
      )
    })(value2, at)
  };
};
var stage = record(
  {
    name: oneOf("python", "cache", "install", "build", "test", "artifacts", "publish", "comment"),
    status: oneOf("ok", "failed", "skipped"),
    durationMs: real(0, 1e10),
    summary: text2(),
    detail: text2(LIMITS.details)
  },
  ["detail"]
);
var commentResults = record(
  {
    python: record({ version: text2(40), path: text2(), origin: text2() }),
    build,
    artifact: record({ name: text2(), files: list(text2(), 10), id: integer(), size: integer() }, [
      "id",
      "size"
    ]),
    test: testRun,
    diffCoverage,
    baseline,
    stages: list(stage, 20),
    verdict: record({ ok: flag, reasons: list(text2(), LIMITS.reasons) })
  },
  ["python", "build", "artifact", "test", "diffCoverage", "baseline"]
);
function readCommentResults(value2, at = "results") {
  return commentResults(value2, at);
}
function clip2(value2, max = LIMITS.text) {
  return value2.length <= max ? value2 : `${value2.slice(0, max - 1)}\u2026`;
}
function clipAll(values, count4, max = LIMITS.text) {
  return values.slice(0, count4).map((v) => clip2(v, max));
}
function clipDist(dist) {
  return dist && { ...dist, path: clip2(dist.path), fileName: clip2(dist.fileName) };
}
function clipTest(run) {
  const r = run.results;
  const c = run.coverage;
  return {
    ok: run.ok,
    exitCode: Math.min(Math.max(run.exitCode, 0), 255),
    notes: clipAll(run.notes, LIMITS.notes, LIMITS.details),
    ...run.stopped !== void 0 && { stopped: clip2(run.stopped) },
    ...run.tools && { tools: run.tools },
    ...r && {
      results: {
        ...r,
        ...r.interrupted !== void 0 && { interrupted: clip2(r.interrupted) },
        problems: r.problems.slice(0, LIMITS.problems).map((p) => ({
          ...p,
          id: clip2(p.id, LIMITS.id),
          message: clip2(p.message),
          details: clip2(p.details, LIMITS.details),
          ...p.file !== void 0 && { file: clip2(p.file) }
        })),
        slowest: r.slowest.slice(0, LIMITS.slowest).map((s) => ({ ...s, id: clip2(s.id, LIMITS.id) }))
      }
    },
    ...c && {
      coverage: {
        ...c,
        sourceNote: clip2(c.sourceNote),
        // The least covered first, as the table shows them.
        files: [...c.files].sort((a, b) => a.percent - b.percent).slice(0, LIMITS.files).map((f) => ({
          ...f,
          path: clip2(f.path),
          missingLines: f.missingLines.slice(0, LIMITS.lines)
        }))
      }
    }
  };
}
function commentResultsOf(metrics) {
  const { python, build: b, artifact, test, diffCoverage: diff, baseline: base } = metrics;
  return {
    ...python && {
      python: {
        version: clip2(python.version, 40),
        path: clip2(python.path),
        origin: clip2(python.origin)
      }
    },
    ...b && {
      build: {
        ok: b.ok,
        ...b.sdist && { sdist: clipDist(b.sdist) },
        ...b.wheel && { wheel: clipDist(b.wheel) },
        problems: clipAll(b.problems, LIMITS.notes, LIMITS.details),
        warnings: clipAll(b.warnings, LIMITS.notes, LIMITS.details),
        twineCheck: b.twineCheck,
        ...b.error !== void 0 && { error: clip2(b.error, LIMITS.details) },
        ...b.backend !== void 0 && { backend: clip2(b.backend) }
      }
    },
    ...artifact && {
      artifact: { ...artifact, name: clip2(artifact.name), files: clipAll(artifact.files, 10) }
    },
    ...test && { test: clipTest(test) },
    ...diff && {
      diffCoverage: diff.measured ? {
        ...diff,
        files: diff.files.slice(0, LIMITS.files).map((f) => ({
          ...f,
          path: clip2(f.path),
          uncoveredLines: f.uncoveredLines.slice(0, LIMITS.lines),
          uncoveredRanges: clip2(f.uncoveredRanges, LIMITS.details).replace(/[^0-9, -]/g, "")
        })),
        unreadFiles: clipAll(diff.unreadFiles, LIMITS.files),
        ...diff.base !== void 0 && { base: clip2(diff.base, 80) }
      } : {
        ...diff,
        reason: clip2(diff.reason),
        ...diff.base !== void 0 && { base: clip2(diff.base, 80) }
      }
    },
    ...base && {
      baseline: base.kind === "compared" ? {
        ...base,
        branch: clip2(base.branch, 255),
        files: base.files.slice(0, LIMITS.files).map((f) => ({ ...f, path: clip2(f.path) }))
      } : { ...base, branch: clip2(base.branch, 255), note: clip2(base.note) }
    },
    stages: metrics.stages.slice(0, 20).map((s) => ({
      name: s.name,
      status: s.status,
      durationMs: s.durationMs,
      summary: clip2(s.summary),
      ...s.detail !== void 0 && { detail: clip2(s.detail, LIMITS.details) }
    })),
    verdict: { ok: metrics.verdict.ok, reasons: clipAll(metrics.verdict.reasons, LIMITS.reasons) }
  };
}

// src/comment/sticky.ts
var import_node_crypto = __toESM(require_node_crypto(), 1);

// src/report/budget.ts
var LADDER = [
  { maxFiles: 50, maxProblems: 20, maxDiffFiles: 50, maxSlowest: 10 },
  { maxFiles: 20, maxProblems: 20, maxDiffFiles: 20, maxSlowest: 10 },
  { maxFiles: 5, maxProblems: 20, maxDiffFiles: 5, maxSlowest: 10 },
  { maxFiles: 0, maxProblems: 10, maxDiffFiles: 0, maxSlowest: 10 },
  { maxFiles: 0, maxProblems: 3, maxDiffFiles: 0, maxSlowest: 10 },
  { maxFiles: 0, maxProblems: 0, maxDiffFiles: 0, maxSlowest: 0 }
];
var FULL = LADDER[0] ?? {
  maxFiles: 50,
  maxProblems: 20,
  maxDiffFiles: 50,
  maxSlowest: 10
};
var FEWEST = LADDER[LADDER.length - 1] ?? FULL;
var SUMMARY_BUDGET = {
  limit: 1024 * 1024,
  measure: (text5) => Buffer.byteLength(text5, "utf8"),
  limitText: "GitHub's 1 MiB summary limit"
};
function rowsShown(metrics, limits) {
  const results2 = metrics.test?.results;
  const diff = metrics.diffCoverage;
  const shown = (count4, max) => Math.min(count4, Math.max(0, max));
  return [
    [shown(results2?.problems.length ?? 0, limits.maxProblems), "failure details"],
    [shown(metrics.test?.coverage?.files.length ?? 0, limits.maxFiles), "coverage rows"],
    [shown(diff?.measured ? diff.files.length : 0, limits.maxDiffFiles), "changed-lines rows"],
    [shown(results2?.slowest.length ?? 0, limits.maxSlowest), "slowest-test rows"]
  ];
}
function describeLeftOut(metrics, limits) {
  const full = rowsShown(metrics, FULL);
  const parts = rowsShown(metrics, limits).map(([count4, what], i) => [(full[i]?.[0] ?? 0) - count4, what]).filter(([count4]) => count4 > 0).map(([count4, what]) => `${count4} ${count4 === 1 ? what.replace(/s$/, "") : what}`);
  if (parts.length === 0) return "nothing left out";
  const last = parts.pop();
  return `${parts.length > 0 ? `${parts.join(", ")} and ` : ""}${last} left out`;
}
function fitReport(head, render, leftOut, budget) {
  const prefix = head === "" ? "" : `${head}
`;
  const fits = (body) => budget.measure(body) <= budget.limit;
  for (const rung of LADDER) {
    const markdown2 = render(rung);
    if (rung === FULL) {
      if (fits(`${prefix}${markdown2}`)) return { body: `${prefix}${markdown2}`, cut: void 0 };
      continue;
    }
    const cut3 = leftOut(rung);
    const body = `${prefix}${markdown2}
${cutNote(cut3, budget)}`;
    if (fits(body)) return { body, cut: cut3 };
  }
  const markdown = render(FEWEST);
  const probe2 = cutNote(`the report was cut after ${markdown.length} characters`, budget);
  const room = budget.limit - budget.measure(`${prefix}

${probe2}`);
  const text5 = cutAtLine(markdown, room, budget.measure);
  const cut2 = `the report was cut after ${text5.length} characters`;
  return { body: `${prefix}${text5}

${cutNote(cut2, budget)}`, cut: cut2 };
}
function cutNote(cut2, budget) {
  return `> \u2702\uFE0F ${cut2.charAt(0).toUpperCase()}${cut2.slice(1)} to stay under ${budget.limitText}; ${budget.fullReport}.
`;
}
var ELEMENT = /<(\/?)(details|summary|table)\b[^>]*>/gi;
function afterLine(state, line) {
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
  if (state.fence !== void 0) {
    const closes = fence !== void 0 && fence[0] === state.fence[0] && fence.length >= state.fence.length && line.trim() === fence;
    return closes ? { ...state, fence: void 0 } : state;
  }
  if (fence !== void 0) return { ...state, fence };
  const elements = [...state.elements];
  for (const [, closing, name = ""] of line.matchAll(ELEMENT)) {
    const tag = name.toLowerCase();
    if (closing === "") elements.push(tag);
    else if (elements.lastIndexOf(tag) >= 0) elements.splice(elements.lastIndexOf(tag));
  }
  return { ...state, elements };
}
function closers(state) {
  const fence = state.fence === void 0 ? "" : `
${state.fence}`;
  const elements = [...state.elements].reverse().map((tag) => `

</${tag}>`);
  return `${fence}${elements.join("")}`;
}
function cutAtLine(markdown, room, measure2) {
  let state = { fence: void 0, elements: [] };
  const kept = [];
  let size = 0;
  for (const line of markdown.split("\n")) {
    const next = afterLine(state, line);
    const added = (kept.length === 0 ? 0 : 1) + measure2(line);
    if (size + added + measure2(closers(next)) > room) break;
    kept.push(line);
    size += added;
    state = next;
  }
  return `${kept.join("\n")}${closers(state)}`;
}

// src/comment/sticky.ts
var COMMENT_LIMIT = 65536;
function commentMarker(id) {
  if (id === "") return "<!-- python-ci-action -->";
  if (!COMMENT_ID_PATTERN.test(id)) throw new Error(`comment-id ${JSON.stringify(id)} is not valid`);
  return `<!-- python-ci-action comment-id: ${id} -->`;
}
function hasMarker(body, marker) {
  const first = body.split("\n", 1)[0] ?? "";
  return first.trim() === marker;
}
var DIGEST = /^<!-- python-ci-action results: ([0-9a-f]+) -->$/m;
function resultsDigest(metrics) {
  const results2 = metrics.test?.results;
  const coverage2 = metrics.test?.coverage;
  const dist = metrics.build?.wheel ?? metrics.build?.sdist;
  const stable = {
    verdict: metrics.verdict,
    results: results2 && {
      counts: [
        results2.tests,
        results2.passed,
        results2.failed,
        results2.skipped,
        results2.xfailed,
        results2.xpassed,
        results2.errors
      ],
      problems: results2.problems.map((p) => [p.kind, p.id, p.message])
    },
    notes: metrics.test?.notes,
    coverage: coverage2 && {
      total: coverage2.percentDisplay,
      files: coverage2.files.map((f) => [f.path, f.percentDisplay, f.missingLines.join(",")])
    },
    build: metrics.build && {
      ok: metrics.build.ok,
      dist: dist && [dist.name, dist.version],
      problems: metrics.build.problems,
      warnings: metrics.build.warnings
    },
    publish: metrics.publish && [metrics.publish.status, metrics.publish.reasons],
    baseline: metrics.baseline && (metrics.baseline.kind === "compared" ? [metrics.baseline.deltaDisplay, metrics.baseline.base.sha] : metrics.baseline.kind),
    diff: metrics.diffCoverage?.measured ? [
      metrics.diffCoverage.percentDisplay,
      metrics.diffCoverage.files.map((f) => [f.path, f.uncoveredRanges])
    ] : metrics.diffCoverage?.reason,
    stages: metrics.stages.map((s) => [s.name, s.status])
  };
  return (0, import_node_crypto.createHash)("sha256").update(JSON.stringify(stable)).digest("hex").slice(0, 32);
}
var COMMENT_BUDGET = {
  limit: COMMENT_LIMIT,
  measure: (text5) => text5.length,
  limitText: "GitHub's 65,536-character limit on comments",
  fullReport: "the job summary of this run has the full report"
};
function fitComment(head, render, leftOut, limit = COMMENT_LIMIT) {
  return fitReport(head, render, leftOut, { ...COMMENT_BUDGET, limit });
}
function commentBody(marker, metrics, render, title) {
  const head = `${marker}
<!-- python-ci-action results: ${resultsDigest(metrics)} -->`;
  return fitComment(
    head,
    (limits) => render(metrics, { ...limits, title }),
    (limits) => describeLeftOut(metrics, limits)
  );
}
async function upsertComment(client, target, options) {
  const issue = `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/issues`;
  let login;
  try {
    const user = await client.request("GET", "/user");
    if (typeof user.data?.login === "string") login = user.data.login;
  } catch (error) {
    options.debug?.(`GET /user: ${errorMessage(error)}; taking comments by bots as ours`);
  }
  const comments = await client.paginate(
    `${issue}/${target.number}/comments?per_page=100`
  );
  const ours = comments.find(
    (c) => hasMarker(c.body ?? "", options.marker) && (login !== void 0 ? c.user?.login === login : c.user?.type === "Bot")
  );
  options.debug?.(
    `${comments.length} comments on #${target.number}; ours: ${ours ? ours.id : "none"} (author ${login ?? "any bot"})`
  );
  if (ours !== void 0) {
    const before = ours.body ?? "";
    const unchanged = before === options.body || options.onlyOnChange && DIGEST.exec(before)?.[1] === DIGEST.exec(options.body)?.[1];
    if (unchanged) return { action: "unchanged", id: ours.id, url: ours.html_url };
    const updated = await client.request("PATCH", `${issue}/comments/${ours.id}`, {
      body: options.body
    });
    return { action: "updated", id: ours.id, url: updated.data?.html_url ?? ours.html_url };
  }
  const created = await client.request("POST", `${issue}/${target.number}/comments`, {
    body: options.body
  });
  return { action: "created", id: created.data.id, url: created.data.html_url };
}

// src/comment/target.ts
function decideComment(mode, event) {
  if (mode === "off") return { kind: "skip", reason: "comment: off" };
  if (mode !== "always" && !event.isPullRequest) {
    return { kind: "skip", reason: `not a pull request event (${event.name || "no event"})` };
  }
  const number = event.pullRequest?.number;
  if (number === void 0) {
    const reason = `the ${event.name || "unknown"} event names no pull request to comment on`;
    return mode === "always" ? { kind: "warn", reason } : { kind: "skip", reason };
  }
  if (event.repository === void 0) {
    return {
      kind: "warn",
      reason: `GITHUB_REPOSITORY (${JSON.stringify(event.repositoryName)}) is not owner/name`
    };
  }
  return { kind: "post", target: { ...event.repository, number } };
}

// src/comment/post.ts
function commentTitle(commentId) {
  return commentId === "" ? "Python CI" : `Python CI \xB7 ${commentId}`;
}
var STILL_REPORTED2 = "The results are in the job summary and the outputs of this step.";
function refusedAdvice(status) {
  return `The token may not write to this pull request${status === 404 ? " (or cannot see it)" : ""}: give the job "permissions: pull-requests: write". Pull requests from forks always get a read-only token: the comment is then kept as an artifact for the workflow_run companion to post (see 'Pull requests from forks' in the README).`;
}
async function postComment(log, env, event, settings, token, metrics, services) {
  const decision = decideComment(settings.mode, event);
  if (decision.kind === "skip") return { kind: "skipped", reason: decision.reason };
  const warn = (reason, advice) => {
    log.warning(`The pull request comment was not posted: ${reason}. ${advice} ${STILL_REPORTED2}`);
    return { kind: "not-posted", reason };
  };
  if (decision.kind === "warn")
    return warn(decision.reason, "Set comment: auto to comment only on pull request events.");
  if (token === void 0) {
    return warn("github-token is empty", "Pass a token, e.g. the default github.token.");
  }
  const { target } = decision;
  const marker = commentMarker(settings.id);
  const title = commentTitle(settings.id);
  const { body, cut: cut2 } = commentBody(marker, metrics, renderSummary, title);
  if (cut2 !== void 0) log.info(`The comment was shortened to fit GitHub's limit: ${cut2}.`);
  const client = new GitHubClient({
    token,
    env,
    ...services,
    onRetry: (message) => log.info(message)
  });
  try {
    const result = await upsertComment(client, target, {
      marker,
      body,
      onlyOnChange: settings.mode === "on-change",
      debug: (message) => log.debug(message)
    });
    return {
      kind: "posted",
      comment: { url: result.url, action: result.action },
      ...cut2 !== void 0 && { cut: cut2 }
    };
  } catch (error) {
    const where = `on ${target.owner}/${target.repo}#${target.number}`;
    const message = errorMessage(error);
    if (services.outages?.note("github", error, "no comment")) {
      log.info(`The pull request comment was not posted ${where}: ${message}`);
      return { kind: "not-posted", reason: `${where}: ${message}` };
    }
    if (error instanceof GitHubApiError && (error.status === 403 || error.status === 404)) {
      const outcome = warn(`${where}: ${error.message}`, refusedAdvice(error.status));
      const headSha = event.pullRequest?.headSha;
      if (typeof headSha !== "string" || outcome.kind !== "not-posted") return outcome;
      const repository = `${target.owner}/${target.repo}`;
      return {
        ...outcome,
        request: {
          repository,
          number: target.number,
          headSha,
          commentId: settings.id,
          results: commentResultsOf(metrics)
        }
      };
    }
    if (error instanceof Error && error.stack) log.debug(error.stack);
    return warn(`${where}: ${message}`, "GitHub did not take it, after retries.");
  }
}

// src/artifacts/dists.ts
var import_node_fs9 = __toESM(require_node_fs(), 1);
var import_node_path6 = __toESM(require_node_path(), 1);

// src/build/digest.ts
var import_node_crypto2 = __toESM(require_node_crypto(), 1);
var import_node_fs8 = __toESM(require_node_fs(), 1);
function digestOf(file) {
  const bytes = (0, import_node_fs8.readFileSync)(file);
  return { sha256: (0, import_node_crypto2.createHash)("sha256").update(bytes).digest("hex"), size: bytes.length };
}
function short(sha256) {
  return `${sha256.slice(0, 12)}\u2026`;
}
function describeChange(fileName, built, now) {
  if (now === built) return void 0;
  if (now === void 0) return `${fileName} is gone since the build (sha256 ${short(built)})`;
  return `${fileName} changed after the build (sha256 ${short(built)} at build, ${short(now)} now)`;
}
function changedSinceBuild(files) {
  const changes = [];
  for (const f of files) {
    let now;
    try {
      now = digestOf(f.path).sha256;
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
      now = void 0;
    }
    const change = describeChange(f.fileName, f.sha256, now);
    if (change !== void 0) changes.push(change);
  }
  return changes;
}

// src/artifacts/manifest.ts
var MANIFEST_FILE = "python-ci-dists.json";
var ManifestError = class extends Error {
  name = "ManifestError";
};
function manifestOf(build2, commit) {
  const dists = [build2.sdist, build2.wheel].filter((d) => d !== void 0);
  const first = dists[0];
  return {
    format: 1,
    package: first?.name ?? "",
    version: first?.version ?? "",
    commit,
    files: dists.map((d) => ({ name: d.fileName, kind: d.kind, size: d.size, sha256: d.sha256 }))
  };
}
var DIST_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*\.(tar\.gz|zip|whl)$/;
function field2(value2, what, valid2) {
  if (!valid2(value2)) throw new ManifestError(`${MANIFEST_FILE}: ${what} is missing or malformed`);
  return value2;
}
var isString = (v) => typeof v === "string";
function parseManifest(text5) {
  let data;
  try {
    data = JSON.parse(text5);
  } catch {
    throw new ManifestError(`${MANIFEST_FILE} is not JSON`);
  }
  if (data === null || typeof data !== "object" || data.format !== 1)
    throw new ManifestError(`${MANIFEST_FILE} is not a dists record of format 1`);
  const files = field2(data.files, "files", (v) => Array.isArray(v) && v.length > 0);
  const parsed = files.map((raw, i) => {
    const f = raw ?? {};
    return {
      name: field2(
        f.name,
        `files[${i}].name`,
        (v) => isString(v) && DIST_NAME.test(v)
      ),
      kind: field2(f.kind, `files[${i}].kind`, (v) => v === "sdist" || v === "wheel"),
      size: field2(
        f.size,
        `files[${i}].size`,
        (v) => Number.isSafeInteger(v) && v >= 0
      ),
      sha256: field2(
        f.sha256,
        `files[${i}].sha256`,
        (v) => isString(v) && /^[0-9a-f]{64}$/.test(v)
      )
    };
  });
  if (new Set(parsed.map((f) => f.name)).size !== parsed.length)
    throw new ManifestError(`${MANIFEST_FILE} lists a file twice`);
  return {
    format: 1,
    package: field2(data.package, "package", isString),
    version: field2(data.version, "version", (v) => isString(v) && v !== ""),
    commit: field2(data.commit, "commit", isString),
    files: parsed
  };
}
function compareFileSets(manifest, present) {
  const listed = new Set(manifest.files.map((f) => f.name));
  const there = new Set(present.filter((name) => name !== MANIFEST_FILE));
  return {
    missing: [...listed].filter((name) => !there.has(name)).sort(),
    extra: [...there].filter((name) => !listed.has(name)).sort()
  };
}

// src/artifacts/dists.ts
var ArtifactExistsError = class extends Error {
  name = "ArtifactExistsError";
  constructor(artifact) {
    super(
      `artifact ${artifact} already exists in this run: another job with this dists-artifact, or code this step ran, uploaded it first; the built files were not kept under that name`
    );
  }
};
function safeArtifactName(text5) {
  return text5.replace(new RegExp(ARTIFACT_NAME_FORBIDDEN.source, "g"), "_");
}
function perCommentArtifactName(prefix, commentId) {
  return commentId === "" ? prefix : `${prefix}-${safeArtifactName(commentId)}`;
}
function defaultArtifactName(ctx) {
  const minor = ctx.pythonVersion.split(".").slice(0, 2).join(".");
  const parts = ["dists", ctx.packageName, ctx.job, ctx.os, ctx.arch, `py${minor}`];
  return safeArtifactName(parts.filter((p) => p !== "").join("-")).toLowerCase();
}
var DistsChangedError = class extends Error {
  name = "DistsChangedError";
};
async function uploadDists(service, name, build2, stage2) {
  const dists = [build2.sdist, build2.wheel].filter((d) => d !== void 0);
  (0, import_node_fs9.rmSync)(stage2.dir, { recursive: true, force: true });
  (0, import_node_fs9.mkdirSync)(stage2.dir, { recursive: true });
  const staged = dists.map((d) => ({ ...d, path: import_node_path6.default.join(stage2.dir, d.fileName) }));
  for (const [i, d] of dists.entries())
    if ((0, import_node_fs9.existsSync)(d.path)) (0, import_node_fs9.copyFileSync)(d.path, staged[i]?.path ?? "");
  const changed = changedSinceBuild(staged);
  if (changed.length > 0) {
    throw new DistsChangedError(`${changed.join("; ")}; artifact ${name} was not uploaded`);
  }
  const manifest = import_node_path6.default.join(stage2.dir, MANIFEST_FILE);
  (0, import_node_fs9.writeFileSync)(manifest, `${JSON.stringify(manifestOf(build2, stage2.commit), null, 2)}
`);
  const files = [...staged.map((d) => d.path), manifest];
  const { id, size } = await service.upload(name, files, stage2.dir);
  return { name, files: files.map((f) => import_node_path6.default.basename(f)), id, size };
}

// src/comment/request.ts
var REQUEST_FILE = "python-ci-comment.json";
var REQUEST_ARTIFACT = "python-ci-comment";
var FORMAT = 2;
var MAX_REQUEST_BYTES = 4 * 1024 * 1024;
var REQUEST_TOO_LARGE = `${REQUEST_FILE} is over ${MAX_REQUEST_BYTES / 1024 / 1024} MB`;
function requestArtifactName(commentId) {
  return perCommentArtifactName(REQUEST_ARTIFACT, commentId).replace(/\s+/g, "_");
}
function isRequestArtifact(name) {
  return name === REQUEST_ARTIFACT || name.startsWith(`${REQUEST_ARTIFACT}-`);
}
var SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
var REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
function parseCommentRequest(text5) {
  if (text5.length > MAX_REQUEST_BYTES) return { error: REQUEST_TOO_LARGE };
  let value2;
  try {
    value2 = JSON.parse(text5);
  } catch {
    return { error: `${REQUEST_FILE} is not JSON` };
  }
  if (value2 === null || typeof value2 !== "object" || Array.isArray(value2)) {
    return { error: `${REQUEST_FILE} is not an object` };
  }
  const r = value2;
  if (r.format === 1) {
    return {
      error: `${REQUEST_FILE} has format 1 (a Markdown body, written by the pull request's run); the companion posts only what it renders itself from format ${FORMAT} results. Update the action in the pull request workflow`
    };
  }
  if (r.format !== FORMAT) {
    return {
      error: `${REQUEST_FILE} has format ${JSON.stringify(r.format)}; this version reads ${FORMAT}`
    };
  }
  if (typeof r.repository !== "string" || !REPOSITORY.test(r.repository)) {
    return { error: `${REQUEST_FILE}: repository is not owner/name` };
  }
  if (typeof r.number !== "number" || !Number.isSafeInteger(r.number) || r.number < 1) {
    return { error: `${REQUEST_FILE}: number is not a pull request number` };
  }
  if (typeof r.headSha !== "string" || !SHA.test(r.headSha)) {
    return { error: `${REQUEST_FILE}: headSha is not a commit hash` };
  }
  if (typeof r.commentId !== "string" || r.commentId !== "" && !COMMENT_ID_PATTERN.test(r.commentId)) {
    return { error: `${REQUEST_FILE}: commentId is not a valid comment-id` };
  }
  let results2;
  try {
    results2 = readCommentResults(r.results);
  } catch (error) {
    if (error instanceof ResultsSchemaError) return { error: `${REQUEST_FILE}: ${error.message}` };
    throw error;
  }
  return {
    format: FORMAT,
    repository: r.repository,
    number: r.number,
    headSha: r.headSha,
    commentId: r.commentId,
    results: results2
  };
}
function serializeCommentRequest(request) {
  return `${JSON.stringify({ format: FORMAT, ...request }, null, 2)}
`;
}
function runFacts(run) {
  const id = field(run, "id");
  const headSha = field(run, "head_sha");
  if (typeof id !== "number" || !Number.isSafeInteger(id) || typeof headSha !== "string") {
    return void 0;
  }
  const text5 = (v) => typeof v === "string" ? v : "";
  return {
    id,
    event: text5(field(run, "event")),
    headSha,
    headRepository: text5(field(field(run, "head_repository"), "full_name")),
    conclusion: text5(field(run, "conclusion"))
  };
}
function refuseRequest(request, repository, run, pull) {
  if (request.repository !== repository) {
    return `it is for ${request.repository}, not ${repository}`;
  }
  if (request.headSha !== run.headSha) {
    return `it names commit ${request.headSha.slice(0, 7)}, but the run tested ${run.headSha.slice(0, 7)}`;
  }
  if (pull.sha !== run.headSha) {
    return `pull request #${request.number} is at ${pull.sha.slice(0, 7)}, not at the commit the run tested (${run.headSha.slice(0, 7)})`;
  }
  if (run.headRepository !== "" && pull.repository !== "" && pull.repository !== run.headRepository) {
    return `pull request #${request.number} comes from ${pull.repository}, the run from ${run.headRepository}`;
  }
  return void 0;
}

// src/comment/companion.ts
async function keepCommentRequest(service, dir, request) {
  (0, import_node_fs10.mkdirSync)(dir, { recursive: true });
  const file = import_node_path7.default.join(dir, REQUEST_FILE);
  (0, import_node_fs10.writeFileSync)(file, serializeCommentRequest(request));
  const name = requestArtifactName(request.commentId);
  await service.upload(name, [file], dir);
  return name;
}
var MAX_REQUESTS = 20;
function requestedCommentBody(request, run) {
  const ok2 = run.conclusion === "success";
  const concluded = run.conclusion ? `concluded ${run.conclusion}` : "has not concluded";
  const stated = `Workflow run ${run.id} ${concluded}, as GitHub's API reports it; the figures below are that run's own report.`;
  const { results: results2 } = request;
  const metrics = {
    ...results2,
    verdict: { ok: ok2, reasons: ok2 ? [stated] : [stated, ...results2.verdict.reasons] }
  };
  return commentBody(
    commentMarker(request.commentId),
    metrics,
    renderSummary,
    commentTitle(request.commentId)
  );
}
async function postRequestedComments(log, env, event, settings, token, artifacts, tempDir, services = {}) {
  const done = (summary3, problems2 = [], posted2 = []) => ({
    posted: posted2,
    problems: problems2,
    summary: summary3
  });
  const warn = (problem) => {
    log.warning(problem);
    return done(problem, [problem]);
  };
  const outages = new Outages();
  const outage = (error, skipped) => {
    if (!outages.note("github", error, skipped)) return void 0;
    const [problem = ""] = outages.warnings();
    outages.report(log);
    return done(problem, [problem]);
  };
  if (settings.mode === "off") return done("comment: off");
  if (token === void 0) {
    return warn(
      "github-token is empty: the companion needs a token that may write to pull requests."
    );
  }
  if (event.repository === void 0) {
    return warn(`GITHUB_REPOSITORY (${JSON.stringify(event.repositoryName)}) is not owner/name.`);
  }
  const { owner, repo } = event.repository;
  const client = new GitHubClient({
    token,
    env,
    ...services,
    onRetry: (message) => log.info(message)
  });
  const repoPath = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  let run;
  try {
    run = runFacts(
      (await client.request("GET", `${repoPath}/actions/runs/${settings.fromRun}`)).data
    );
  } catch (error) {
    const down = outage(error, `run ${settings.fromRun} not read, no comment posted`);
    if (down !== void 0) return down;
    const status = error instanceof GitHubApiError ? error.status : 0;
    return warn(
      `Run ${settings.fromRun} could not be read: ${errorMessage(error)}.${status === 403 || status === 404 ? ' The job needs "permissions: actions: read", and comment-from-run a run of this repository.' : ""}`
    );
  }
  if (run === void 0)
    return warn(`GitHub's answer for run ${settings.fromRun} is not a workflow run.`);
  if (!isPullRequestEvent(run.event)) {
    return done(
      `run ${run.id} was started by ${run.event || "an unknown event"}, not a pull request: nothing to post`
    );
  }
  let listed;
  try {
    listed = (await artifacts.list(run.id)).filter((a) => isRequestArtifact(a.name));
  } catch (error) {
    const down = outage(error, `the artifacts of run ${run.id} not listed, no comment posted`);
    if (down !== void 0) return down;
    return warn(
      `The artifacts of run ${run.id} could not be listed: ${errorMessage(error)}. The companion's job needs "permissions: actions: read".`
    );
  }
  if (listed.length === 0) {
    return done(
      `run ${run.id} left no comment to post (it posted its own, or the action did not get that far)`
    );
  }
  const posted = [];
  const problems = [];
  if (listed.length > MAX_REQUESTS) {
    const problem = `Run ${run.id} kept ${listed.length} comments; only the first ${MAX_REQUESTS} are posted (one per comment-id is the most a workflow needs).`;
    log.warning(problem);
    problems.push(problem);
    listed = listed.slice(0, MAX_REQUESTS);
  }
  for (const artifact of listed) {
    const dir = import_node_path7.default.join(tempDir, "companion", String(artifact.id));
    try {
      (0, import_node_fs10.rmSync)(dir, { recursive: true, force: true });
      (0, import_node_fs10.mkdirSync)(dir, { recursive: true });
      await artifacts.download(artifact.id, run.id, dir);
      const file = import_node_path7.default.join(dir, REQUEST_FILE);
      if ((0, import_node_fs10.statSync)(file).size > MAX_REQUEST_BYTES) throw new Error(REQUEST_TOO_LARGE);
      const request = parseCommentRequest((0, import_node_fs10.readFileSync)(file, "utf8"));
      if ("error" in request) throw new Error(request.error);
      if (artifact.name !== requestArtifactName(request.commentId)) {
        throw new Error(`its comment-id would be kept as ${requestArtifactName(request.commentId)}`);
      }
      const pull = await client.request("GET", `${repoPath}/pulls/${request.number}`);
      const head = pull.data?.head;
      const refused = refuseRequest(request, event.repositoryName, run, {
        sha: typeof head?.sha === "string" ? head.sha : "",
        repository: typeof head?.repo?.full_name === "string" ? head.repo.full_name : ""
      });
      if (refused !== void 0) throw new Error(`not posted: ${refused}`);
      const { body, cut: cut2 } = requestedCommentBody(request, run);
      if (cut2 !== void 0) log.info(`The comment was shortened to fit GitHub's limit: ${cut2}.`);
      const result = await upsertComment(
        client,
        { owner, repo, number: request.number },
        {
          marker: commentMarker(request.commentId),
          body,
          onlyOnChange: false,
          debug: (message) => log.debug(message)
        }
      );
      log.info(`${result.action} the comment on #${request.number}: ${result.url}`);
      posted.push({ url: result.url, action: result.action, number: request.number });
    } catch (error) {
      if (outages.note("github", error, `no comment from artifact ${artifact.name}`)) continue;
      const problem = `The comment in artifact ${artifact.name} of run ${run.id} was not posted: ${errorMessage(error)}`;
      log.warning(problem);
      problems.push(problem);
    } finally {
      (0, import_node_fs10.rmSync)(dir, { recursive: true, force: true });
    }
  }
  for (const problem of outages.warnings()) problems.push(problem);
  outages.report(log);
  const summary2 = posted.length ? `posted ${posted.map((p) => `#${p.number} (${p.action})`).join(", ")} for run ${run.id}` : `nothing posted for run ${run.id}`;
  return done(summary2, problems, posted);
}

// src/guard/file-commands.ts
var import_node_fs11 = __toESM(require_node_fs(), 1);
var FILE_COMMANDS = [
  "GITHUB_OUTPUT",
  "GITHUB_ENV",
  "GITHUB_PATH",
  "GITHUB_STATE",
  "GITHUB_STEP_SUMMARY"
];
function take(file) {
  try {
    const stat = (0, import_node_fs11.lstatSync)(file);
    if (!stat.isFile()) return { file, content: Buffer.alloc(0), inode: void 0 };
    return { file, content: (0, import_node_fs11.readFileSync)(file), inode: stat.ino };
  } catch {
    return { file, content: void 0, inode: void 0 };
  }
}
function same(a, b) {
  if (a.content === void 0 || b.content === void 0) return a.content === b.content;
  return a.inode === b.inode && a.content.equals(b.content);
}
function putBack(taken) {
  (0, import_node_fs11.rmSync)(taken.file, { force: true, recursive: true });
  if (taken.content !== void 0) (0, import_node_fs11.writeFileSync)(taken.file, taken.content, { flag: "wx" });
}
var FileCommandGuard = class {
  taken = /* @__PURE__ */ new Map();
  written = /* @__PURE__ */ new Set();
  /** Takes the files the environment names; call it before any project code runs. */
  constructor(env) {
    for (const name of FILE_COMMANDS) {
      const file = env[name];
      if (file) this.taken.set(name, take(file));
    }
  }
  /**
   * The file commands that something else wrote to since they were taken,
   * each put back as we left it; cumulative over the step.
   */
  check() {
    for (const [name, before] of this.taken) {
      const now = take(before.file);
      if (same(before, now)) continue;
      this.written.add(name);
      putBack(before);
      this.taken.set(name, take(before.file));
    }
    return FILE_COMMANDS.filter((name) => this.written.has(name));
  }
  /** Runs a write of our own: the files are checked first, and what it leaves is taken as ours. */
  own(write) {
    this.check();
    const retake = () => {
      for (const [name, before] of this.taken) this.taken.set(name, take(before.file));
    };
    const result = write();
    if (result instanceof Promise) return result.finally(retake);
    retake();
    return result;
  }
};
function describeWrites(written) {
  const names = written.length === 1 ? written[0] : `${written.slice(0, -1).join(", ")} and ${written[written.length - 1]}`;
  return `project code wrote to ${names} while the step ran; those writes were discarded`;
}

// src/host.ts
var WITHHELD = /* @__PURE__ */ new Set([
  "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
  "ACTIONS_ID_TOKEN_REQUEST_URL",
  "ACTIONS_RUNTIME_TOKEN",
  "ACTIONS_RUNTIME_URL",
  "ACTIONS_RESULTS_URL",
  "ACTIONS_CACHE_URL",
  ...FILE_COMMANDS
]);
function childEnvironment(env) {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith("INPUT_") && !WITHHELD.has(name))
  );
}
var SECRET_VARIABLES = [
  "INPUT_PYPI-TOKEN",
  "INPUT_PYPI_TOKEN",
  "INPUT_GITHUB-TOKEN",
  "INPUT_GITHUB_TOKEN",
  "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
  "ACTIONS_RUNTIME_TOKEN"
];
function secretsToMask(env) {
  const values = SECRET_VARIABLES.map((name) => env[name] ?? "").flatMap((raw) => [
    raw,
    raw.trim(),
    ...raw.split(/\r?\n/).map((line) => line.trim())
  ]);
  return [...new Set(values.filter((v) => v !== ""))];
}

// src/log.ts
var BufferedLog = class {
  entries = [];
  info(message) {
    this.entries.push({ kind: "info", message });
  }
  debug(message) {
    this.entries.push({ kind: "debug", message });
  }
  warning(message, properties) {
    this.entries.push({ kind: "warning", message, properties });
  }
  error(message, properties) {
    this.entries.push({ kind: "error", message, properties });
  }
  async group(title, body) {
    this.info(title);
    return body();
  }
  replay(into) {
    for (const e of this.entries) {
      if (e.kind === "warning" || e.kind === "error") into[e.kind](e.message, e.properties);
      else into[e.kind](e.message);
    }
  }
};
function mayHoldCommand(text5) {
  const bare = text5.replace(/[\p{Cf}\0]/gu, "");
  return bare.includes("::") || bare.includes("##[");
}
function withCommandsStopped(text5, token) {
  return `::stop-commands::${token}
${text5}
::${token}::`;
}

// src/build/build.ts
var import_node_fs13 = __toESM(require_node_fs(), 1);
var import_node_path9 = __toESM(require_node_path(), 1);

// src/install/leftovers.ts
var import_node_fs12 = __toESM(require_node_fs(), 1);
var import_node_path8 = __toESM(require_node_path(), 1);
function isLeftover(folder) {
  const parts = folder.split("/");
  const name = parts[parts.length - 1] ?? "";
  if (parts.length === 1 && (name === "build" || name === ".eggs")) return true;
  return parts.length <= 2 && name.endsWith(".egg-info");
}
function folders(dir) {
  try {
    return (0, import_node_fs12.readdirSync)(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}
function findLeftovers(dir) {
  const top = folders(dir);
  const below = top.filter((f) => !f.startsWith(".") && !isLeftover(f) && f !== "node_modules").flatMap((f) => folders(import_node_path8.default.join(dir, f)).map((g) => `${f}/${g}`));
  return [...top, ...below].filter(isLeftover).sort();
}
function removeNewLeftovers(log, dir, before, after) {
  const made = findLeftovers(dir).filter((f) => !before.includes(f));
  if (made.length === 0) return;
  const removed = [];
  for (const folder of made) {
    try {
      (0, import_node_fs12.rmSync)(import_node_path8.default.join(dir, folder), { recursive: true, force: true });
      removed.push(folder);
    } catch (error) {
      log.warning(
        `${folder}, left in the checkout by ${after}, could not be removed: ${errorMessage(error)}`
      );
    }
  }
  if (removed.length) log.info(`removed what ${after} left in the checkout: ${removed.join(", ")}`);
}

// src/build/twine-check.ts
function plainOutput(venv) {
  return { ...venv.env, COLUMNS: "200", NO_COLOR: "1" };
}
async function checkMetadata(host, log, venv, files) {
  const args = ["-m", "twine", "check", "--strict", ...files.map((f) => f.path)];
  log.info(`$ python ${args.join(" ")}`);
  const result = await host.runner.run(venv.python, args, { env: plainOutput(venv) });
  log.info(result.output.trimEnd());
  if (result.code === 0) return void 0;
  const problems = [];
  for (const line of stripColour(result.output).split("\n")) {
    if (/^(WARNING|ERROR)\b/.test(line)) problems.push(line.trim());
    else if (/^\s+\S/.test(line) && problems.length > 0)
      problems.push(`${problems.pop()} ${line.trim()}`);
  }
  const unique2 = [...new Set(problems.map((p) => p.replace(/\s+/g, " ")))];
  return unique2.length > 0 ? unique2.join("; ") : tail(result.output, 1);
}

// src/build/build.ts
var INSPECT = `
import email.parser, json, sys, tarfile, zipfile
def meta(text):
    m = email.parser.HeaderParser().parsestr(text)
    return {'name': m.get('Name', ''), 'version': m.get('Version', '')}
out = {'files': []}
for p in sys.argv[1:]:
    info = {'path': p, 'name': '', 'version': '', 'error': None, 'top': [], 'generator': None}
    try:
        if p.endswith('.whl'):
            with zipfile.ZipFile(p) as z:
                names = [n for n in z.namelist() if n.count('/') == 1 and n.endswith('.dist-info/METADATA')]
                info.update(meta(z.read(names[0]).decode('utf-8')))
                info['top'] = sorted({n.split('/')[0] for n in z.namelist()})
                wheel = names[0][:-len('METADATA')] + 'WHEEL'
                if wheel in z.namelist():
                    info['generator'] = email.parser.HeaderParser().parsestr(z.read(wheel).decode('utf-8')).get('Generator')
        else:
            with tarfile.open(p) as t:
                members = [m for m in t.getmembers() if m.name.count('/') == 1 and m.name.endswith('/PKG-INFO')]
                info.update(meta(t.extractfile(members[0]).read().decode('utf-8')))
    except Exception as e:
        info['error'] = '%s: %s' % (type(e).__name__, e)
    out['files'].append(info)
print(json.dumps(out))
`;
function builtFiles(output) {
  const line = /^Successfully built (.+)$/m.exec(stripColour(output))?.[1];
  if (!line) return [];
  return line.split(/\s+and\s+|,\s*/).map((s) => s.trim()).filter((s) => s !== "");
}
function wheelContentWarnings(fileName, top) {
  const code = top.filter((t) => !t.endsWith(".dist-info") && !t.endsWith(".data"));
  const warnings = [];
  if (code.length === 0) {
    warnings.push(
      `${fileName} holds no Python package or module, only metadata; check the backend's package configuration`
    );
  }
  for (const t of code) {
    if (/^tests?$/.test(t)) {
      warnings.push(
        `${fileName} installs a top-level '${t}' package, which collides with other projects' tests; exclude it from the wheel`
      );
    }
  }
  return warnings;
}
function generatorName(generator) {
  const text5 = generator.trim().replace(/\s+/g, " ");
  const match = /^(.+?) \(([^()]+)\)$/.exec(text5);
  return match ? `${match[1]} ${match[2]}` : text5;
}
function checkDists(sdist, wheel) {
  const problems = [];
  if (!sdist) problems.push("no sdist was built");
  if (!wheel) problems.push("no wheel was built");
  if (sdist && wheel) {
    if (normalizeName(sdist.name) !== normalizeName(wheel.name)) {
      problems.push(`the sdist is named ${sdist.name} but the wheel ${wheel.name}`);
    }
    if (sdist.version !== wheel.version) {
      problems.push(`the sdist has version ${sdist.version} but the wheel ${wheel.version}`);
    }
  }
  for (const d of [sdist, wheel]) {
    if (d && (!d.name || !d.version))
      problems.push(`${d.fileName} has no Name or Version in its metadata`);
  }
  return problems;
}
function scmVersionWarning(version2, shallow, tagged = false) {
  if (tagged && !shallow) return void 0;
  const guessed = /\+g[0-9a-f]{6,}/.test(version2) || shallow && /\.dev\d+$/.test(version2);
  if (!guessed) return void 0;
  const why = shallow ? "the checkout is shallow, so git tags are missing" : "no git tag was found at or before this commit";
  return `the built version ${version2} looks derived from git by setuptools_scm or hatch-vcs, and ${why}; fetch the tags (actions/checkout with fetch-depth: 0) so the version is the release's`;
}
async function isShallow(host, dir) {
  const result = await host.runner.run("git", ["rev-parse", "--is-shallow-repository"], {
    cwd: dir,
    env: host.env
  });
  return result.code === 0 && result.stdout.trim() === "true";
}
async function hasTag(host, dir) {
  const result = await host.runner.run("git", ["describe", "--tags", "--abbrev=0"], {
    cwd: dir,
    env: host.env
  });
  return result.code === 0;
}
var UNPACK = `
import json, sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    kwargs = {'filter': 'data'} if hasattr(tarfile, 'data_filter') else {}
    t.extractall(sys.argv[2], **kwargs)
    top = t.getnames()[0].split('/')[0]
print(json.dumps(top))
`;
function buildArgs(config, kind, outDir, srcDir) {
  const isolation = config.buildIsolation ? [] : ["--no-isolation", "--skip-dependency-check"];
  return [kind, ...isolation, "--outdir", outDir, srcDir];
}
var BUILD_BESIDE = `
import runpy, sys
sys.path.append(sys.argv.pop(1))
runpy.run_module('build', run_name='__main__', alter_sys=True)
`;
function builderFor(config, venv, tools) {
  return config.buildIsolation ? { python: tools.python, env: tools.env, prefix: ["-m", "build"] } : { python: venv.python, env: venv.env, prefix: ["-c", BUILD_BESIDE, tools.site] };
}
function failed(error) {
  return { ok: false, problems: [], warnings: [], twineCheck: "not available", error };
}
async function runBuild(host, log, builder, args, cwd) {
  log.info(`$ ${formatCommand("python", ["-m", "build", ...args])}`);
  const result = await host.runner.run(builder.python, [...builder.prefix, ...args], {
    cwd,
    env: builder.env
  });
  log.info(result.output.trimEnd());
  const [name] = builtFiles(result.output);
  if (result.code === 0 && name !== void 0) return { name };
  const reason = failureReason(result.output);
  return {
    error: `python -m build failed (exit ${result.code})${reason ? `: ${reason}` : ""}
${tail(result.output, 25)}`
  };
}
async function buildDists(host, log, config, venv, tools, sourceDone = () => {
}) {
  const outDir = distsDir(host);
  (0, import_node_fs13.rmSync)(outDir, { recursive: true, force: true });
  const builder = builderFor(config, venv, tools);
  const digests = /* @__PURE__ */ new Map();
  const record2 = (name) => digests.set(name, digestOf(import_node_path9.default.join(outDir, name)));
  let sdistName;
  const before = findLeftovers(config.workingDirectory);
  try {
    const sdist = await runBuild(
      host,
      log,
      builder,
      buildArgs(config, "--sdist", outDir, config.workingDirectory),
      config.workingDirectory
    );
    if (sdist.error !== void 0) return failed(sdist.error);
    sdistName = sdist.name;
    record2(sdistName);
  } finally {
    removeNewLeftovers(log, config.workingDirectory, before, "the sdist");
    sourceDone();
  }
  const unpackDir = import_node_path9.default.join(host.tempDir, "sdist");
  (0, import_node_fs13.rmSync)(unpackDir, { recursive: true, force: true });
  let top;
  try {
    top = await runSnippet(
      host,
      venv.python,
      UNPACK,
      [import_node_path9.default.join(outDir, sdistName), unpackDir],
      "unpacking the sdist",
      { env: venv.env }
    );
  } catch (error) {
    if (error instanceof SnippetError) return failed(error.message);
    throw error;
  }
  const srcDir = import_node_path9.default.join(unpackDir, top);
  const wheel = await runBuild(
    host,
    log,
    builder,
    buildArgs(config, "--wheel", outDir, srcDir),
    srcDir
  );
  if (wheel.error !== void 0) return failed(wheel.error);
  record2(wheel.name);
  return inspectDists(host, log, config, venv, tools, outDir, digests);
}
function distsDir(host) {
  return import_node_path9.default.join(host.tempDir, "dists");
}
async function inspectDists(host, log, config, venv, tools, outDir, digests) {
  const files = [...digests.keys()].map((n) => import_node_path9.default.join(outDir, n));
  let data;
  try {
    data = await runSnippet(
      host,
      venv.python,
      INSPECT,
      files,
      "inspecting the built files",
      { env: venv.env }
    );
  } catch (error) {
    if (error instanceof SnippetError) return failed(error.message);
    throw error;
  }
  const problems = [];
  const dists = [];
  for (const f of data.files) {
    if (f.error) problems.push(`${import_node_path9.default.basename(f.path)} could not be read: ${f.error}`);
    const fileName = import_node_path9.default.basename(f.path);
    const digest = digests.get(fileName);
    if (digest === void 0) throw new Error(`${fileName} was inspected but never recorded`);
    dists.push({
      path: f.path,
      fileName,
      kind: f.path.endsWith(".whl") ? "wheel" : "sdist",
      ...digest,
      name: f.name,
      version: f.version
    });
  }
  const sdist = dists.find((d) => d.kind === "sdist");
  const wheel = dists.find((d) => d.kind === "wheel");
  problems.push(...checkDists(sdist, wheel));
  const warnings = [];
  const version2 = sdist?.version ?? wheel?.version;
  if (version2 !== void 0 && scmVersionWarning(version2, true) !== void 0) {
    const [shallow, tagged] = await Promise.all([
      isShallow(host, config.workingDirectory),
      hasTag(host, config.workingDirectory)
    ]);
    const guessed = scmVersionWarning(version2, shallow, tagged);
    if (guessed) warnings.push(guessed);
  }
  const wheelFile = data.files.find((f) => f.path.endsWith(".whl"));
  const wheelTop = wheelFile?.top;
  if (wheel && wheelTop) warnings.push(...wheelContentWarnings(wheel.fileName, wheelTop));
  const check = await checkMetadata(host, log, tools, dists);
  const twineCheck = check === void 0 ? "passed" : "failed";
  if (check !== void 0)
    warnings.push(`twine check --strict found problems in the metadata: ${check}`);
  for (const w of warnings) log.warning(w);
  const backend = wheelFile?.generator ? generatorName(wheelFile.generator) : void 0;
  return {
    ok: problems.length === 0,
    sdist,
    wheel,
    problems,
    warnings,
    twineCheck,
    ...backend && { backend }
  };
}

// src/pipeline.ts
var import_node_fs24 = __toESM(require_node_fs(), 1);
var import_node_path27 = __toESM(require_node_path(), 1);

// src/artifacts/stage.ts
var import_node_path10 = __toESM(require_node_path(), 1);
function artifactsStage(host, config, service, build2, pythonVersion, outages) {
  const setting = config.distsArtifact;
  const name = setting === "auto" ? defaultArtifactName({
    job: host.env.GITHUB_JOB ?? "",
    os: host.env.RUNNER_OS ?? process.platform,
    arch: config.architecture,
    pythonVersion,
    packageName: build2.wheel?.name ?? build2.sdist?.name ?? ""
  }) : setting;
  return {
    name: "artifacts",
    title: "Upload the built files as an artifact",
    run: async (log) => {
      if (name === false) return void 0;
      if (service === void 0) return void 0;
      try {
        return await uploadDists(service, name, build2, {
          dir: import_node_path10.default.join(host.tempDir, "dists-artifact"),
          commit: host.env.GITHUB_SHA ?? ""
        });
      } catch (error) {
        if (error instanceof DistsChangedError || error instanceof ArtifactExistsError) throw error;
        log.info(`the built files were not uploaded as artifact ${name}: ${errorMessage(error)}`);
        outages.note("artifacts", error, `no artifact ${name} with the built files`);
        return void 0;
      }
    },
    describe: (uploaded) => uploaded ? { ok: true, summary: `${uploaded.name}: ${uploaded.files.join(", ")}` } : {
      ok: true,
      skipped: true,
      summary: name === false ? "dists-artifact: false" : service ? "not uploaded (see the warning)" : "no artifact service outside GitHub Actions"
    }
  };
}

// src/baseline/baseline.ts
var import_node_fs14 = __toESM(require_node_fs(), 1);
var import_node_path11 = __toESM(require_node_path(), 1);

// src/stage.ts
var MARK = { ok: "\u2713", failed: "\u2717", skipped: "\u2013" };
function seconds(ms) {
  return ms === 0 ? "0.0s" : `${(ms / 1e3).toFixed(2)}s`;
}
function stageLine(status, name, summary2, durationMs) {
  const time = durationMs === void 0 ? "" : ` ${seconds(durationMs)}`;
  return `${MARK[status]} ${name}${time}: ${summary2}`;
}
function firstLine2(text5) {
  return text5.split("\n")[0] ?? text5;
}
async function runStage(log, stage2, options = {}) {
  const started = performance.now();
  const buffer = options.replayAfter ? new BufferedLog() : void 0;
  const into = buffer ?? log;
  const attempt = async () => {
    try {
      const value2 = await stage2.run(into);
      return { value: value2, ...stage2.describe(value2) };
    } catch (error) {
      const message = errorMessage(error);
      const summary3 = firstLine2(message);
      const detail2 = message.slice(summary3.length).trim() || void 0;
      into.info(`${MARK.failed} ${summary3}`);
      if (detail2) into.info(detail2);
      if (error instanceof Error && error.stack) into.debug(error.stack);
      return { ok: false, summary: summary3, detail: detail2 };
    }
  };
  const said = buffer ? await attempt() : await log.group(stage2.title, attempt);
  const durationMs = performance.now() - started;
  const status = said.skipped ? "skipped" : said.ok ? "ok" : "failed";
  const { summary: summary2, detail } = said;
  const outcome = {
    value: said.value,
    stage: { name: stage2.name, status, durationMs, summary: summary2, ...detail ? { detail } : {} }
  };
  options.ended?.(outcome);
  if (buffer) {
    await options.replayAfter;
    await log.group(stage2.title, async () => buffer.replay(log));
  }
  log.info(stageLine(status, stage2.name, summary2, durationMs));
  return outcome;
}
async function runStep(log, step) {
  const started = performance.now();
  const value2 = await log.group(step.title, () => step.run(log));
  const said = step.describe(value2);
  const status = said.skipped ? "skipped" : said.ok ? "ok" : "failed";
  log.info(stageLine(status, step.name, said.summary, performance.now() - started));
  return { value: value2, status };
}
function skipStage(log, name, why) {
  log.info(stageLine("skipped", name, why));
  return { name, status: "skipped", durationMs: 0, summary: why };
}
function refuseStage(log, name, summary2) {
  log.info(stageLine("failed", name, summary2, 0));
  return { name, status: "failed", durationMs: 0, summary: summary2 };
}
function notRun(name, why) {
  return { name, status: "skipped", durationMs: 0, summary: why };
}
async function settle(log, pending, name, line) {
  const done = await pending;
  done?.log.replay(log);
  const said = line(done);
  if (said) log.info(stageLine(said.status, name, said.summary));
  return done;
}

// src/baseline/coverage-summary.ts
var SUMMARY_FILE = "coverage-summary.json";
var SUMMARY_FORMAT = 1;
var ARTIFACT_PREFIX = "python-ci-coverage";
function baselineArtifactName(commentId) {
  return perCommentArtifactName(ARTIFACT_PREFIX, commentId);
}
function coverageSummary(coverage2, sha, branch) {
  const files = {};
  for (const f of coverage2.files) {
    files[f.path] = {
      coveredLines: f.statements - f.missing,
      statements: f.statements,
      percent: f.percent,
      percentDisplay: f.percentDisplay
    };
  }
  return {
    format: SUMMARY_FORMAT,
    sha,
    branch,
    total: {
      percent: coverage2.percent,
      percentDisplay: coverage2.percentDisplay,
      coveredLines: coverage2.coveredLines,
      statements: coverage2.statements,
      coveredBranches: coverage2.coveredBranches,
      branches: coverage2.branches
    },
    files
  };
}
var SummaryError = class extends Error {
  name = "SummaryError";
};
function object2(value2, where) {
  if (typeof value2 !== "object" || value2 === null || Array.isArray(value2))
    throw new SummaryError(`${where} is not an object`);
  return value2;
}
function text3(o, key, where) {
  const v = o[key];
  if (typeof v !== "string") throw new SummaryError(`${where}.${key} is not a string`);
  return v;
}
function count3(o, key, where) {
  const v = o[key];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
    throw new SummaryError(`${where}.${key} is not a whole number`);
  return v;
}
function percent2(o, key, where) {
  const v = o[key];
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 100)
    throw new SummaryError(`${where}.${key} is not a number from 0 to 100`);
  return v;
}
function parseCoverageSummary(json) {
  let data;
  try {
    data = JSON.parse(json);
  } catch {
    throw new SummaryError(`${SUMMARY_FILE} is not JSON`);
  }
  const root = object2(data, SUMMARY_FILE);
  if (root.format !== SUMMARY_FORMAT) {
    throw new SummaryError(
      `${SUMMARY_FILE} has format ${JSON.stringify(root.format)}; this version reads ${SUMMARY_FORMAT}`
    );
  }
  const t = object2(root.total, "total");
  const total = {
    percent: percent2(t, "percent", "total"),
    percentDisplay: text3(t, "percentDisplay", "total"),
    coveredLines: count3(t, "coveredLines", "total"),
    statements: count3(t, "statements", "total"),
    coveredBranches: count3(t, "coveredBranches", "total"),
    branches: count3(t, "branches", "total")
  };
  if (!/^\d{1,3}(\.\d+)?$/.test(total.percentDisplay))
    throw new SummaryError("total.percentDisplay is not a percentage");
  const files = {};
  for (const [path30, entry] of Object.entries(object2(root.files, "files"))) {
    const where = `files[${JSON.stringify(path30)}]`;
    const f = object2(entry, where);
    files[path30] = {
      coveredLines: count3(f, "coveredLines", where),
      statements: count3(f, "statements", where),
      percent: percent2(f, "percent", where),
      percentDisplay: text3(f, "percentDisplay", where)
    };
  }
  return {
    format: SUMMARY_FORMAT,
    sha: text3(root, "sha", SUMMARY_FILE),
    branch: text3(root, "branch", SUMMARY_FILE),
    total,
    files
  };
}
function compareCoverage(current, summary2, artifact) {
  const precision = precisionOf(current.percentDisplay);
  const delta = current.percent - summary2.total.percent;
  const files = [];
  for (const f of current.files) {
    const base = summary2.files[f.path];
    if (base === void 0) {
      files.push({ path: f.path, percent: f.percent, percentDisplay: f.percentDisplay });
      continue;
    }
    const d = f.percent - base.percent;
    if (formatDelta(d, precision) !== "0")
      files.push({
        path: f.path,
        basePercent: base.percent,
        basePercentDisplay: base.percentDisplay,
        percent: f.percent,
        percentDisplay: f.percentDisplay,
        delta: d
      });
  }
  files.sort((a, b) => {
    if (a.delta === void 0 || b.delta === void 0) {
      if (a.delta !== b.delta) return a.delta === void 0 ? 1 : -1;
      return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
    }
    return Math.abs(b.delta) - Math.abs(a.delta) || (a.path < b.path ? -1 : 1);
  });
  return {
    kind: "compared",
    branch: summary2.branch,
    artifact,
    base: { sha: summary2.sha, ...summary2.total },
    delta,
    deltaDisplay: formatDelta(delta, precision),
    files
  };
}
function decideBaseline(event) {
  if (event.isPullRequest) {
    const base = event.pullRequest?.baseRef;
    return base !== void 0 ? { kind: "compare", branch: base } : { kind: "none", reason: "the pull request payload names no base branch" };
  }
  if (event.name === "push" && event.ref.startsWith("refs/heads/")) {
    const branch = event.ref.slice("refs/heads/".length);
    return branch === event.defaultBranch ? { kind: "store", branch } : { kind: "none", reason: `a push to ${branch}, not the default branch` };
  }
  return { kind: "none", reason: `not a push or pull request event (${event.name || "no event"})` };
}

// src/baseline/baseline.ts
var PAGE_SIZE = 100;
var MAX_PAGES = 10;
async function findBaseline(client, repository, name, branch) {
  const base = `/repos/${encodeURIComponent(repository.owner)}/${encodeURIComponent(repository.repo)}/actions/artifacts`;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = new URLSearchParams({ name, per_page: String(PAGE_SIZE), page: String(page) });
    const { data } = await client.request("GET", `${base}?${query}`);
    const items = Array.isArray(data?.artifacts) ? data.artifacts : [];
    const usable = items.filter(
      (a) => a.expired !== true && typeof a.id === "number" && typeof a.workflow_run?.id === "number" && a.workflow_run.head_branch === branch && typeof a.workflow_run.repository_id === "number" && a.workflow_run.head_repository_id === a.workflow_run.repository_id
    ).sort((a, b) => String(b.created_at ?? "").localeCompare(String(a.created_at ?? "")));
    const newest = usable[0];
    if (newest !== void 0)
      return { artifactId: Number(newest.id), runId: Number(newest.workflow_run?.id) };
    if (items.length < PAGE_SIZE) return void 0;
  }
  return void 0;
}
function startBaseline(env, event, comment, token, services) {
  const log = new BufferedLog();
  const decision = decideBaseline(event);
  const name = baselineArtifactName(comment.id);
  if (decision.kind !== "compare") return { decision, name, log };
  const { branch } = decision;
  const { owner = "", repo = "" } = event.repository ?? {};
  const lookup = async () => {
    if (token === void 0)
      return { kind: "not-looked-up", branch, note: "github-token is empty, so no baseline" };
    try {
      const client = new GitHubClient({
        token,
        env,
        ...services.github,
        onRetry: (message) => log.info(message)
      });
      const found = await findBaseline(client, { owner, repo }, name, branch);
      return found ?? { kind: "missing", branch, note: `no baseline yet for ${branch}` };
    } catch (error) {
      if (error instanceof Error && error.stack) log.debug(error.stack);
      if (services.github.outages?.note("github", error, "no base-branch coverage")) {
        log.info(`The base branch's coverage could not be looked up: ${errorMessage(error)}`);
        return { kind: "unreadable", branch, note: `baseline unreadable for ${branch}` };
      }
      const advice = error instanceof GitHubApiError && (error.status === 403 || error.status === 404) ? ' Listing artifacts needs "permissions: actions: read" on the job.' : "";
      log.warning(
        `The base branch's coverage could not be looked up: ${errorMessage(error)}.${advice} There is no delta; the other results are not affected.`
      );
      return { kind: "unreadable", branch, note: `baseline unreadable for ${branch}` };
    }
  };
  return { decision, name, log, lookup: lookup() };
}
async function settleBaseline(log, pending, coverage2, context, services) {
  const { decision, name } = pending;
  if (decision.kind === "none") {
    log.debug(`coverage baseline: ${decision.reason}`);
    return void 0;
  }
  if (decision.kind === "store") {
    if (coverage2 === void 0) {
      log.info(
        stageLine(
          "skipped",
          "baseline",
          `no coverage was measured, so none is stored for ${decision.branch}`
        )
      );
      return void 0;
    }
    try {
      const dir = import_node_path11.default.join(context.dir, "store");
      (0, import_node_fs14.rmSync)(dir, { recursive: true, force: true });
      (0, import_node_fs14.mkdirSync)(dir, { recursive: true });
      const file = import_node_path11.default.join(dir, SUMMARY_FILE);
      const summary2 = coverageSummary(coverage2, context.env.GITHUB_SHA ?? "", decision.branch);
      (0, import_node_fs14.writeFileSync)(file, `${JSON.stringify(summary2, null, 1)}
`);
      await services.artifacts.upload(name, [file], dir);
      const stored = `${coverage2.percentDisplay}% stored as artifact ${name} for ${decision.branch}`;
      log.info(stageLine("ok", "baseline", stored));
    } catch (error) {
      const skipped = `no coverage stored as the baseline of ${decision.branch}`;
      if (services.github.outages?.note("artifacts", error, skipped)) {
        log.info(`This run's coverage was not stored (artifact ${name}): ${errorMessage(error)}`);
        return void 0;
      }
      log.warning(
        `This run's coverage was not stored as the baseline of ${decision.branch} (artifact ${name}): ${errorMessage(error)}. Pull requests will compare with an older one, if any.`
      );
    }
    return void 0;
  }
  const found = await pending.lookup;
  const baseline2 = await compareWith(log, found, name, decision.branch, coverage2, context, services);
  log.info(
    stageLine(
      baseline2.kind === "compared" ? "ok" : "skipped",
      "baseline",
      describeBaseline(baseline2)
    )
  );
  return baseline2;
}
async function compareWith(log, found, name, branch, coverage2, context, services) {
  if (found === void 0) return { kind: "not-looked-up", branch, note: "not looked up" };
  if ("kind" in found) return found;
  if (coverage2 === void 0 || context.token === void 0) {
    return { kind: "not-looked-up", branch, note: "no coverage was measured to compare" };
  }
  const dir = import_node_path11.default.join(context.dir, "download");
  try {
    (0, import_node_fs14.rmSync)(dir, { recursive: true, force: true });
    (0, import_node_fs14.mkdirSync)(dir, { recursive: true });
    const runArtifacts = services.runArtifacts(context.token);
    await log.group(`Download the coverage of ${branch} (run ${found.runId})`, async () => {
      try {
        await runArtifacts.download(found.artifactId, found.runId, dir);
      } catch (error) {
        throw new DownloadError(
          `downloading artifact ${found.artifactId} failed: ${withStatus(error)}`,
          error
        );
      }
    });
    const summary2 = parseCoverageSummary((0, import_node_fs14.readFileSync)(import_node_path11.default.join(dir, SUMMARY_FILE), "utf8"));
    return compareCoverage(coverage2, summary2, name);
  } catch (error) {
    const cause = error instanceof DownloadError ? error.cause : void 0;
    if (cause !== void 0 && services.github.outages?.note("github", cause, "no base-branch coverage")) {
      log.info(
        `The base branch's coverage (artifact ${name}) could not be read: ${errorMessage(error)}`
      );
      return { kind: "unreadable", branch, note: `baseline unreadable for ${branch}` };
    }
    log.warning(
      `The base branch's coverage (artifact ${name} of run ${found.runId}) could not be read: ${errorMessage(error)}. There is no delta; the other results are not affected.`
    );
    return { kind: "unreadable", branch, note: `baseline unreadable for ${branch}` };
  }
}
var DownloadError = class extends Error {
  constructor(message, cause) {
    super(message);
    this.cause = cause;
  }
  cause;
  name = "DownloadError";
};
function withStatus(error) {
  const status = error !== null && typeof error === "object" && "status" in error ? error.status : void 0;
  return `${errorMessage(error)}${typeof status === "number" ? ` (HTTP ${status})` : ""}`;
}

// src/build/stage.ts
function describeBuild(build2) {
  if (build2.error) return { ok: false, summary: firstLine2(build2.error) };
  const files = [build2.sdist, build2.wheel].filter((d) => d !== void 0).map((d) => `${d.fileName} (${formatSize(d.size)})`).join(", ");
  return {
    ok: build2.ok,
    summary: build2.problems.length ? `${files}; ${firstLine2(build2.problems[0] ?? "")}` : files
  };
}
function buildStage(host, config, installed, sourceDone) {
  return {
    name: "build",
    title: "Build sdist and wheel",
    run: (log) => {
      if (installed.tools === void 0) throw new Error("no tools environment to build with");
      return buildDists(host, log, config, installed.venv, installed.tools, sourceDone);
    },
    describe: describeBuild
  };
}

// src/cache/cache.ts
var import_node_fs16 = __toESM(require_node_fs(), 1);
var import_node_path14 = __toESM(require_node_path(), 1);

// src/install/tools.ts
var import_node_fs15 = __toESM(require_node_fs(), 1);
var import_node_path13 = __toESM(require_node_path(), 1);

// src/install/venv.ts
var import_node_path12 = __toESM(require_node_path(), 1);
var InstallError = class extends Error {
  name = "InstallError";
};
var isWindows = process.platform === "win32";
function venvOf(host, dir) {
  const bin = import_node_path12.default.join(dir, isWindows ? "Scripts" : "bin");
  return {
    dir,
    python: import_node_path12.default.join(bin, isWindows ? "python.exe" : "python"),
    env: { ...host.env, VIRTUAL_ENV: dir, PATH: `${bin}${import_node_path12.default.delimiter}${host.env.PATH ?? ""}` }
  };
}

// src/install/tools.ts
var TOOLS_DIR = "tools";
var REQUIREMENTS = {
  build: "build>=1.0",
  twine: "twine>=6.1",
  pip: "pip>=22.3"
};
var PROBE2 = `
import importlib.metadata as m, json, sys, sysconfig
have = {}
for name in sys.argv[1:]:
    try:
        have[name] = m.version(name)
    except m.PackageNotFoundError:
        pass
print(json.dumps({'have': have, 'site': sysconfig.get_path('purelib')}))
`;
async function probe(host, tools) {
  try {
    return await runSnippet(
      host,
      tools.python,
      PROBE2,
      Object.keys(REQUIREMENTS),
      "looking for build and twine",
      // -I: nothing of the checkout or the caller's PYTHONPATH is asked.
      { env: tools.env, cwd: host.tempDir, pythonArgs: ["-I"] }
    );
  } catch (error) {
    if (error instanceof SnippetError) throw new InstallError(error.message);
    throw error;
  }
}
async function prepareTools(host, config, python, basePip, systemSite) {
  const dir = import_node_path13.default.join(host.tempDir, TOOLS_DIR);
  const tools = venvOf(host, dir);
  if (!(0, import_node_fs15.existsSync)(tools.python)) {
    const args = [
      "-m",
      "venv",
      ...systemSite ? ["--system-site-packages"] : [],
      ...basePip ? ["--without-pip"] : [],
      dir
    ];
    const made = await host.runner.run(python.executable, args, { env: host.env });
    if (made.code !== 0)
      throw new InstallError(
        `the tools environment could not be made: python -m venv exited ${made.code}:
${tail(made.output)}`
      );
  }
  let found = await probe(host, tools);
  const missing = Object.keys(REQUIREMENTS).filter((name) => !(name in found.have));
  if (missing.length > 0) {
    const command = basePip ? python.executable : tools.python;
    const args = [
      ...basePip ? ["-m", "pip", "--python", tools.python] : ["-m", "pip"],
      "install",
      "--disable-pip-version-check",
      // Half the install's time is byte-compiling modules that twine check and
      // build never import; those they do are compiled on first import.
      "--no-compile",
      ...config.pipArgs,
      "--",
      ...missing.map((name) => REQUIREMENTS[name] ?? name)
    ];
    host.log.info(`$ ${formatCommand(command, args)}`);
    const result = await host.runner.run(command, args, { cwd: host.tempDir, env: tools.env });
    if (result.code !== 0) {
      const reason = failureReason(result.output);
      throw new InstallError(
        `installing ${missing.join(", ")} into the tools environment failed (exit ${result.code})${reason ? `: ${reason}` : ""}
${tail(result.output, 20)}`
      );
    }
    found = await probe(host, tools);
  }
  const versions = Object.fromEntries(Object.entries(found.have).filter(([name]) => name !== "pip"));
  host.log.info(
    `tools environment ${dir}: ${Object.entries(versions).map(([name, version2]) => `${name} ${version2}`).join(", ")}${missing.length > 0 ? ` (installed ${missing.join(", ")})` : ""}`
  );
  return { ...tools, site: found.site, versions };
}

// src/cache/key.ts
var import_node_crypto3 = __toESM(require_node_crypto(), 1);
function clean(part) {
  return part.replace(/[^A-Za-z0-9._+-]/g, "_");
}
function cacheKeys(parts) {
  const machine = [parts.os, parts.osVersion, parts.arch].filter((p) => p !== "").map(clean).join("-");
  const suffix = parts.suffix === "" ? "" : `-${clean(parts.suffix)}`;
  const pipPrefix = `python-ci-pip-${machine}-py${clean(parts.pythonVersion)}-${parts.installer}${suffix}-`;
  const settings = (0, import_node_crypto3.createHash)("sha256").update(parts.environmentSettings).digest("hex").slice(0, 12);
  const venvPrefix = `python-ci-venv-${machine}-py${clean(parts.pythonVersion)}-${parts.installer}${suffix}-${settings}-`;
  return {
    pip: { primary: pipPrefix + parts.dependencyHash, restoreKeys: [pipPrefix] },
    venv: { primary: venvPrefix + parts.dependencyHash, restoreKeys: [] }
  };
}
var UNTRUSTED_FOR_AUTO = {
  release: "a release event",
  pull_request_target: "a pull_request_target event",
  workflow_run: "a workflow_run event"
};
function decideCache(mode, event) {
  if (mode === "false") return { enabled: false, reason: "cache: false" };
  if (mode === "true") return { enabled: true, reason: "cache: true" };
  const why = event.ref.startsWith("refs/tags/") ? `a tag push (${event.ref.slice("refs/tags/".length)})` : UNTRUSTED_FOR_AUTO[event.name];
  if (why) {
    return {
      enabled: false,
      reason: `cache: auto is off for ${why}, so nothing a pull request wrote can reach it; set cache: true to cache anyway`
    };
  }
  return { enabled: true, reason: `cache: auto (${event.name || "no event"})` };
}

// src/cache/cache.ts
var MARKER = "python-ci-cache.json";
function osVersion() {
  try {
    const text5 = (0, import_node_fs16.readFileSync)("/etc/os-release", "utf8");
    const id = /^ID="?([^"\n]*)"?$/m.exec(text5)?.[1] ?? "";
    const version2 = /^VERSION_ID="?([^"\n]*)"?$/m.exec(text5)?.[1] ?? "";
    return [id, version2].filter((p) => p !== "").join("-");
  } catch {
    return "";
  }
}
function warnFault(log, outages, what, problems) {
  const lines = problems.map((p) => p.trim().split(/\r?\n/));
  for (const [, ...rest] of lines) if (rest.length > 0) log.info(rest.join("\n"));
  const cause = `the cache could not be ${what} (${oneLine2(lines.map(([first]) => first).join("; "))})`;
  const skipped = what === "restored" ? "no cached environment, no cache save" : "no cache save";
  if (outages !== void 0) outages.record("cache", cause, skipped);
  else log.warning(`${cause}: ${skipped}; the run goes on without the cache`);
}
async function restoreCaches(host, log, config, event, python, service, outages) {
  if (!service) return { run: void 0, summary: "off: no cache service outside GitHub Actions" };
  const decision = decideCache(config.cache.mode, event);
  if (!decision.enabled) return { run: void 0, summary: `off: ${decision.reason}` };
  if (!await service.available()) {
    log.warning(
      "the Actions cache service is not available on this runner (no ACTIONS_RESULTS_URL, or GHES without the cache); the run goes on without the cache"
    );
    return { run: void 0, summary: "off: no cache service" };
  }
  const dependencyHash = await hashFiles(config.cache.dependencyPatterns.join("\n"), host.workspace);
  if (dependencyHash === "") {
    log.warning(
      `cache-dependency-path matched no file in the workspace (${config.cache.dependencyPatterns.join(", ")}); the run goes on without the cache`
    );
    return { run: void 0, summary: "off: no dependency files matched" };
  }
  const keys = cacheKeys({
    os: host.env.RUNNER_OS || process.platform,
    osVersion: osVersion(),
    arch: config.architecture,
    pythonVersion: python.version,
    installer: "pip",
    dependencyHash,
    suffix: config.cache.suffix,
    environmentSettings: JSON.stringify({
      interpreter: python.executable,
      install: config.install,
      pipArgs: config.pipArgs,
      systemSitePackages: config.systemSitePackages,
      buildIsolation: config.buildIsolation,
      build: config.build,
      test: config.test
    })
  });
  const pipCacheDir = host.env.PIP_CACHE_DIR || import_node_path14.default.join(host.tempDir, "pip-cache");
  const venvDir = import_node_path14.default.join(host.tempDir, "venv");
  log.info(decision.reason);
  log.debug(`cache keys: ${JSON.stringify(keys)}`);
  const run = {
    keys,
    pipCacheDir,
    venvDir,
    venvRestored: false,
    pipMatchedKey: void 0,
    broken: false
  };
  const venv = await service.restore(environmentPaths(host.tempDir), keys.venv.primary, []);
  if (venv.problems.length) {
    for (const dir of environmentPaths(host.tempDir)) (0, import_node_fs16.rmSync)(dir, { recursive: true, force: true });
    warnFault(log, outages, "restored", venv.problems);
    return { run: { ...run, broken: true }, summary: "fault on restore, going on cold" };
  }
  if (venv.value !== void 0) {
    const stale = venv.value === keys.venv.primary ? staleVenv(venvDir, python) : "another key";
    if (stale === void 0) {
      log.info(`environment restored from the cache: ${venv.value}`);
      return {
        run: { ...run, venvRestored: true },
        summary: "environment restored (exact key)"
      };
    }
    log.info(`the cached environment is not used: ${stale}; installing afresh`);
    for (const dir of environmentPaths(host.tempDir)) (0, import_node_fs16.rmSync)(dir, { recursive: true, force: true });
  } else log.info(`no cached environment for ${keys.venv.primary}`);
  const pip = await service.restore([pipCacheDir], keys.pip.primary, [...keys.pip.restoreKeys]);
  if (pip.problems.length) {
    (0, import_node_fs16.rmSync)(pipCacheDir, { recursive: true, force: true });
    warnFault(log, outages, "restored", pip.problems);
    return { run: { ...run, broken: true }, summary: "fault on restore, going on cold" };
  }
  if (pip.value === void 0) {
    log.info(`no cached pip downloads for ${keys.pip.primary}`);
    return { run, summary: "environment and pip cache missed" };
  }
  const how = pip.value === keys.pip.primary ? "exact key" : "restore key";
  log.info(`pip's cache restored (${how}): ${pip.value}`);
  return {
    run: { ...run, pipMatchedKey: pip.value },
    summary: `environment missed, pip cache restored (${how})`
  };
}
function environmentPaths(tempDir) {
  return [import_node_path14.default.join(tempDir, "venv"), import_node_path14.default.join(tempDir, TOOLS_DIR)];
}
function staleVenv(venvDir, python) {
  const file = import_node_path14.default.join(venvDir, MARKER);
  if (!(0, import_node_fs16.existsSync)(file)) return `it has no ${MARKER}`;
  let marker;
  try {
    marker = JSON.parse((0, import_node_fs16.readFileSync)(file, "utf8"));
  } catch {
    return `its ${MARKER} is not JSON`;
  }
  if (marker.executable !== python.executable)
    return `it was made by ${marker.executable}, not ${python.executable}`;
  if (marker.version !== python.version)
    return `it was made by Python ${marker.version}, not ${python.version}`;
  const bin = import_node_path14.default.join(venvDir, process.platform === "win32" ? "Scripts" : "bin");
  if (!(0, import_node_fs16.existsSync)(import_node_path14.default.join(bin, process.platform === "win32" ? "python.exe" : "python")))
    return "its interpreter link is broken";
  return void 0;
}
async function saveCaches(log, run, python, service, outages) {
  if (run.broken) return "skipped after an earlier fault";
  const saved = [];
  if (!run.venvRestored) {
    const marker = {
      executable: python.executable,
      version: python.version,
      key: run.keys.venv.primary
    };
    (0, import_node_fs16.writeFileSync)(import_node_path14.default.join(run.venvDir, MARKER), `${JSON.stringify(marker)}
`);
    const paths = environmentPaths(import_node_path14.default.dirname(run.venvDir));
    for (const dir of paths) (0, import_node_fs16.mkdirSync)(dir, { recursive: true });
    const venv = await service.save(paths, run.keys.venv.primary);
    if (venv.problems.length) {
      warnFault(log, outages, "saved", venv.problems);
      return "fault on save";
    }
    if ((venv.value ?? -1) > 0) saved.push(`environment as ${run.keys.venv.primary}`);
  }
  if (!run.venvRestored && run.pipMatchedKey !== run.keys.pip.primary) {
    if (!(0, import_node_fs16.existsSync)(run.pipCacheDir)) {
      log.info(`pip's cache is empty (${run.pipCacheDir}); nothing to save`);
    } else {
      const pip = await service.save([run.pipCacheDir], run.keys.pip.primary);
      if (pip.problems.length) {
        warnFault(log, outages, "saved", pip.problems);
        return "fault on save";
      }
      if ((pip.value ?? -1) > 0) saved.push(`pip's cache as ${run.keys.pip.primary}`);
    }
  }
  for (const s of saved) log.info(`saved ${s}`);
  return saved.length ? `saved ${saved.length} of 2 layers` : "nothing to save";
}

// src/cache/stage.ts
function restoreStage(host, config, event, python, service, outages) {
  return {
    name: "cache",
    title: "Restore the cache",
    run: (log) => restoreCaches(host, log, config, event, python, service, outages),
    describe: (c) => ({ ok: true, skipped: c.run === void 0, summary: c.summary })
  };
}
function saveStep(run, python, service, outages) {
  return {
    name: "cache save",
    title: "Save the cache",
    run: (log) => saveCaches(log, run, python, service, outages),
    describe: (summary2) => ({ ok: true, summary: summary2 })
  };
}

// src/comment/stage.ts
var import_node_path15 = __toESM(require_node_path(), 1);
async function commentStage(host, config, event, services, artifacts, metrics, outages) {
  if (config.comment.mode === "off")
    return { stage: skipStage(host.log, "comment", "comment: off") };
  if (!host.onActions || services === void 0)
    return { stage: skipStage(host.log, "comment", "comments need GitHub") };
  const ran = await runStage(host.log, {
    name: "comment",
    title: "Comment on the pull request",
    run: async (log) => {
      const outcome = await postComment(
        log,
        host.env,
        event,
        config.comment,
        config.githubToken,
        metrics,
        services
      );
      if (outcome.kind !== "not-posted" || !outcome.request || !artifacts) return outcome;
      try {
        const dir = import_node_path15.default.join(host.tempDir, "comment-request");
        const kept = await keepCommentRequest(artifacts, dir, outcome.request);
        log.info(
          `The comment was kept as artifact ${kept}: a workflow_run companion with a token that may write can post it (see 'Pull requests from forks' in the README).`
        );
        return { ...outcome, kept };
      } catch (error) {
        log.info(`The comment could not be kept as an artifact either: ${errorMessage(error)}`);
        outages.note("artifacts", error, "no comment kept for the workflow_run companion");
        return outcome;
      }
    },
    describe: (outcome) => outcome.kind === "posted" ? {
      ok: true,
      summary: `${outcome.comment.action}: ${outcome.comment.url}${outcome.cut ? ` (shortened: ${outcome.cut})` : ""}`
    } : {
      ok: true,
      skipped: true,
      summary: outcome.kind === "skipped" ? outcome.reason : `not posted (see the warning): ${outcome.reason}${outcome.kept ? `; kept as artifact ${outcome.kept}` : ""}`
    }
  });
  if (ran.stage.status === "failed")
    host.log.warning(`the pull request comment failed: ${ran.stage.summary}`);
  return ran;
}

// src/diff/changed-lines.ts
var import_node_fs17 = __toESM(require_node_fs(), 1);

// src/report/cobertura.ts
var import_saxes2 = __toESM(require_saxes(), 1);
var CoberturaReportError = class extends Error {
  name = "CoberturaReportError";
};
var CONDITION = /\((\d+)\/(\d+)\)/;
var CoberturaParser = class {
  // Positions are only for error messages; tracking them costs a fifth of the time.
  sax = new import_saxes2.SaxesParser({ position: false });
  rootSeen = false;
  blank = true;
  closed = false;
  sourceText = "";
  sources = [];
  totals;
  byName = /* @__PURE__ */ new Map();
  current;
  constructor() {
    this.sax.on("opentag", (tag) => this.openTag(tag));
    this.sax.on("closetag", (tag) => this.closeTag(tag));
  }
  write(chunk) {
    if (this.closed) throw new CoberturaReportError("Cobertura report: write after close");
    if (this.blank && /\S/.test(chunk)) this.blank = false;
    try {
      this.sax.write(chunk);
    } catch (error) {
      this.closed = true;
      throw wrap(error);
    }
  }
  close() {
    if (this.closed) throw new CoberturaReportError("Cobertura report: parser already closed");
    this.closed = true;
    if (this.blank) throw new CoberturaReportError("Cobertura report is empty");
    try {
      this.sax.close();
    } catch (error) {
      throw wrap(error);
    }
    const totals2 = this.totals ?? countTotals(this.byName.values());
    const measured = totals2.linesValid + totals2.branchesValid;
    return {
      sources: this.sources,
      ...totals2,
      percent: measured === 0 ? 100 : (totals2.linesCovered + totals2.branchesCovered) / measured * 100,
      files: [...this.byName.values()]
    };
  }
  openTag(tag) {
    const attributes = tag.attributes;
    if (!this.rootSeen) {
      this.rootSeen = true;
      if (tag.name !== "coverage") {
        throw new CoberturaReportError(
          `Cobertura report must start with <coverage>, not <${tag.name}>`
        );
      }
      this.totals = rootTotals(attributes);
      return;
    }
    switch (tag.name) {
      case "line": {
        const file = this.current;
        if (file === void 0) return;
        const number = Number.parseInt(attributes.number, 10);
        if (Number.isNaN(number)) return;
        const hits = attributes.hits;
        const hit = hits === "1" || hits !== "0" && hits !== void 0 && Number(hits) > 0;
        if (hit) file.covered.push(number);
        else file.missing.push(number);
        if (attributes.branch === "true") {
          const condition = CONDITION.exec(attributes["condition-coverage"] ?? "");
          if (condition !== null) {
            const taken = Number(condition[1]);
            const total = Number(condition[2]);
            file.branches += total;
            file.coveredBranches += taken;
            if (hit && taken < total) file.partialBranches += 1;
          }
        }
        return;
      }
      case "class": {
        const filename = slashes2(attributes.filename ?? "");
        if (filename === "") return;
        let file = this.byName.get(filename);
        if (file === void 0) {
          file = {
            filename,
            covered: [],
            missing: [],
            branches: 0,
            coveredBranches: 0,
            partialBranches: 0
          };
          this.byName.set(filename, file);
        }
        this.current = file;
        return;
      }
      case "source":
        this.sourceText = "";
        this.sax.on("text", (text5) => {
          this.sourceText += text5;
        });
        return;
    }
  }
  closeTag(tag) {
    if (tag.name === "class") this.current = void 0;
    else if (tag.name === "source") {
      this.sax.off("text");
      const source = this.sourceText.trim();
      if (source !== "") this.sources.push(source);
    }
  }
};
function rootTotals(attributes) {
  const values = ["lines-valid", "lines-covered", "branches-valid", "branches-covered"].map(
    (name) => attributes[name]
  );
  if (values[0] === void 0 || values[1] === void 0) return void 0;
  const [linesValid, linesCovered, branchesValid, branchesCovered] = values.map((value2) => {
    const number = Number(value2 ?? "0");
    if (!Number.isInteger(number) || number < 0) {
      throw new CoberturaReportError(
        `Cobertura report: <coverage> counts must be whole numbers, not ${JSON.stringify(value2)}`
      );
    }
    return number;
  });
  return { linesValid, linesCovered, branchesValid, branchesCovered };
}
function countTotals(files) {
  let linesValid = 0;
  let linesCovered = 0;
  let branchesValid = 0;
  let branchesCovered = 0;
  for (const file of files) {
    linesValid += file.covered.length + file.missing.length;
    linesCovered += file.covered.length;
    branchesValid += file.branches;
    branchesCovered += file.coveredBranches;
  }
  return { linesValid, linesCovered, branchesValid, branchesCovered };
}
function wrap(error) {
  if (error instanceof CoberturaReportError) return error;
  const message = errorMessage(error);
  return new CoberturaReportError(`Cobertura report is not well-formed XML: ${message}`);
}
function resolveCoberturaFile(filename, sources, exists) {
  const name = slashes2(filename);
  if (name.startsWith("/") || /^[A-Za-z]:\//.test(name) || sources.length === 0) return name;
  const candidates = sources.map((source) => `${slashes2(source).replace(/\/+$/, "")}/${name}`);
  return candidates.find(exists) ?? candidates[0];
}
function slashes2(path30) {
  return path30.replaceAll("\\", "/");
}

// src/diff/measure.ts
var import_node_path16 = __toESM(require_node_path(), 1);

// src/diff/diff-coverage.ts
function computeDiffCoverage(changed, coverage2) {
  let changedLines = 0;
  let coverableLines = 0;
  let coveredLines = 0;
  const files = [];
  for (const [path30, lines] of changed) {
    const changedSet = new Set(lines);
    changedLines += changedSet.size;
    const measured = coverage2.get(path30);
    if (measured === void 0) continue;
    const missing = new Set(measured.missing);
    const statements = /* @__PURE__ */ new Set([...measured.covered, ...measured.missing]);
    const coverable = [...changedSet].filter((line) => statements.has(line));
    if (coverable.length === 0) continue;
    const uncovered = coverable.filter((line) => missing.has(line)).sort((a, b) => a - b);
    const covered = coverable.length - uncovered.length;
    coverableLines += coverable.length;
    coveredLines += covered;
    files.push({
      path: path30,
      coverable: coverable.length,
      covered,
      // diff-cover's own formula, so the figures agree to the last digit.
      percent: 100 - uncovered.length / coverable.length * 100,
      uncoveredLines: uncovered,
      uncoveredRanges: formatRanges(uncovered)
    });
  }
  files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const percent3 = coverableLines === 0 ? 100 : coveredLines / coverableLines * 100;
  return {
    changedLines,
    coverableLines,
    coveredLines,
    percent: percent3,
    percentTruncated: coverableLines === 0 ? 100 : Math.floor(coveredLines * 100 / coverableLines),
    files
  };
}
function joinFileLines(files, mapPath) {
  const byPath = /* @__PURE__ */ new Map();
  for (const entry of files) {
    const path30 = mapPath(entry.filename);
    const known = byPath.get(path30);
    if (known === void 0) {
      byPath.set(path30, { covered: entry.covered, missing: entry.missing });
      continue;
    }
    const missing = /* @__PURE__ */ new Set([...known.missing, ...entry.missing]);
    const covered = new Set([...known.covered, ...entry.covered].filter((l) => !missing.has(l)));
    byPath.set(path30, { covered: [...covered], missing: [...missing] });
  }
  return byPath;
}

// src/diff/unified-diff.ts
var DiffParseError = class extends Error {
  name = "DiffParseError";
};
var HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
function readHunks(lines, start, where) {
  const added = [];
  let index = start;
  while (index < lines.length) {
    const header2 = HUNK.exec(lines[index]);
    if (header2 === null) break;
    let oldLeft = header2[2] === void 0 ? 1 : Number(header2[2]);
    let newLeft = header2[4] === void 0 ? 1 : Number(header2[4]);
    let next = Number(header2[3]);
    index += 1;
    while (index < lines.length && (oldLeft > 0 || newLeft > 0)) {
      const line = lines[index];
      const mark = line.charAt(0);
      if (mark === "+") {
        added.push(next);
        next += 1;
        newLeft -= 1;
      } else if (mark === "-") {
        oldLeft -= 1;
      } else if (mark === " " || line === "" || line === "\r") {
        next += 1;
        oldLeft -= 1;
        newLeft -= 1;
      } else if (mark !== "\\") {
        throw new DiffParseError(
          `${where}: hunk ends early at ${JSON.stringify(clip3(line))} (${oldLeft} old and ${newLeft} new lines missing)`
        );
      }
      index += 1;
    }
    if (oldLeft > 0 || newLeft > 0) {
      throw new DiffParseError(`${where}: the diff ends inside a hunk`);
    }
    while (index < lines.length && lines[index].startsWith("\\")) index += 1;
  }
  return { added, end: index };
}
function parsePatch(patch, where = "patch") {
  if (patch === void 0 || patch === "") return [];
  const lines = splitLines(patch);
  const hunks = readHunks(lines, 0, where);
  const rest = lines.slice(hunks.end).find((line) => line !== "");
  if (hunks.end === 0 || rest !== void 0) {
    throw new DiffParseError(
      `${where}: expected hunks starting with "@@ -a,b +c,d @@", found ${JSON.stringify(clip3(rest ?? lines[0]))}`
    );
  }
  return unique(hunks.added);
}
function parseGitDiff(text5) {
  const lines = splitLines(text5);
  const files = [];
  let open;
  let index = 0;
  const finish = () => {
    if (open !== void 0) files.push(close(open));
    open = void 0;
  };
  while (index < lines.length) {
    const line = stripCr(lines[index]);
    if (line.startsWith("diff --git ")) {
      finish();
      const [headerOld, headerNew] = splitGitHeader(line.slice("diff --git ".length));
      open = { headerOld, headerNew, status: "modified", binary: false, added: [] };
      index += 1;
      continue;
    }
    if (line.startsWith("diff --cc ") || line.startsWith("diff --combined ")) {
      throw new DiffParseError(
        `combined diffs of merge commits are not supported: ${JSON.stringify(clip3(line))}`
      );
    }
    if (line.startsWith("@@ ")) {
      if (open === void 0) {
        throw new DiffParseError(`hunk before any file header: ${JSON.stringify(clip3(line))}`);
      }
      const hunks = readHunks(lines, index, describe(open));
      open.added.push(...hunks.added);
      index = hunks.end;
      continue;
    }
    if (open === void 0) {
      index += 1;
      continue;
    }
    if (line.startsWith("--- ")) {
      const path30 = headerPath(line.slice(4), "a/");
      if (path30 === void 0) open.status = "added";
      else open.oldPath = path30;
    } else if (line.startsWith("+++ ")) {
      const path30 = headerPath(line.slice(4), "b/");
      if (path30 === void 0) open.status = "deleted";
      else open.newPath = path30;
    } else if (line.startsWith("new file mode ")) open.status = "added";
    else if (line.startsWith("deleted file mode ")) open.status = "deleted";
    else if (line.startsWith("rename from ")) {
      open.status = "renamed";
      open.oldPath = unquote(line.slice("rename from ".length));
    } else if (line.startsWith("rename to "))
      open.newPath = unquote(line.slice("rename to ".length));
    else if (line.startsWith("copy from ")) {
      open.status = "copied";
      open.oldPath = unquote(line.slice("copy from ".length));
    } else if (line.startsWith("copy to ")) open.newPath = unquote(line.slice("copy to ".length));
    else if (line === "GIT binary patch" || /^Binary files .* differ$/.test(line)) {
      open.binary = true;
    }
    index += 1;
  }
  finish();
  return files;
}
function close(file) {
  const oldPath = file.oldPath ?? file.headerOld;
  const newPath = file.newPath ?? file.headerNew;
  const path30 = file.status === "deleted" ? oldPath : newPath;
  if (path30 === void 0) throw new DiffParseError(`${describe(file)}: no file name`);
  const moved = file.status === "renamed" || file.status === "copied";
  return {
    path: path30,
    ...moved && oldPath !== void 0 ? { oldPath } : {},
    status: file.status,
    binary: file.binary,
    addedLines: file.status === "deleted" ? [] : unique(file.added)
  };
}
function describe(file) {
  return `diff of ${file.newPath ?? file.headerNew ?? file.oldPath ?? file.headerOld ?? "?"}`;
}
function headerPath(rest, prefix) {
  const name = rest.startsWith('"') ? unquote(rest.replace(/\t.*$/, "")) : rest.replace(/\t.*$/, "");
  if (name === "/dev/null") return void 0;
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}
function splitGitHeader(rest) {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest);
    const first = unquote(rest.slice(0, end + 1));
    const second = rest.slice(end + 2);
    return [strip(first, "a/"), strip(second.startsWith('"') ? unquote(second) : second, "b/")];
  }
  if (rest.endsWith('"')) {
    const start = rest.lastIndexOf(' "');
    return [strip(rest.slice(0, start), "a/"), strip(unquote(rest.slice(start + 1)), "b/")];
  }
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.charAt(half) === " ") {
    const first = strip(rest.slice(0, half), "a/");
    const second = strip(rest.slice(half + 1), "b/");
    if (first === second) return [first, second];
  }
  const split = rest.indexOf(" b/");
  if (split < 0) return [void 0, void 0];
  return [strip(rest.slice(0, split), "a/"), rest.slice(split + 3)];
}
function strip(name, prefix) {
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}
function closingQuote(text5) {
  for (let index = 1; index < text5.length; index += 1) {
    if (text5.charAt(index) === "\\") index += 1;
    else if (text5.charAt(index) === '"') return index;
  }
  throw new DiffParseError(`unterminated quoted file name: ${JSON.stringify(clip3(text5))}`);
}
var ESCAPES = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  "\\": 92
};
function unquote(name) {
  if (!name.startsWith('"')) return name;
  if (name.length < 2 || !name.endsWith('"')) {
    throw new DiffParseError(`unterminated quoted file name: ${JSON.stringify(clip3(name))}`);
  }
  const bytes = [];
  const body = name.slice(1, -1);
  for (let index = 0; index < body.length; index += 1) {
    const char = body.charAt(index);
    if (char !== "\\") {
      bytes.push(...Buffer.from(char, "utf8"));
      continue;
    }
    const next = body.charAt(index + 1);
    const octal = /^[0-7]{3}/.exec(body.slice(index + 1));
    if (octal !== null) {
      bytes.push(Number.parseInt(octal[0], 8));
      index += 3;
    } else if (next in ESCAPES) {
      bytes.push(ESCAPES[next]);
      index += 1;
    } else {
      throw new DiffParseError(`unknown escape \\${next} in file name ${JSON.stringify(name)}`);
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
function changedLinesByFile(files) {
  const byFile = /* @__PURE__ */ new Map();
  for (const file of files) {
    if (file.status === "deleted" || file.addedLines.length === 0) continue;
    const known = byFile.get(file.path);
    byFile.set(
      file.path,
      known === void 0 ? file.addedLines : unique([...known, ...file.addedLines])
    );
  }
  return byFile;
}
function parsePullRequestFiles(files) {
  return files.map((file) => {
    const status = pullStatus(file.status);
    const moved = status === "renamed" || status === "copied";
    return {
      path: file.filename,
      ...moved && file.previous_filename !== void 0 ? { oldPath: file.previous_filename } : {},
      status,
      // GitHub leaves out the patch of binary files; a text file with no patch has no lines either.
      binary: file.patch === void 0 && status !== "renamed",
      addedLines: status === "deleted" ? [] : parsePatch(file.patch, `patch of ${file.filename}`)
    };
  });
}
function pullStatus(status) {
  switch (status) {
    case "added":
    case "renamed":
    case "copied":
      return status;
    case "removed":
      return "deleted";
    default:
      return "modified";
  }
}
function splitLines(text5) {
  const lines = text5.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
function stripCr(line) {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
function unique(lines) {
  return [...new Set(lines)].sort((a, b) => a - b);
}
function clip3(text5) {
  return text5.length <= 80 ? text5 : `${text5.slice(0, 79)}\u2026`;
}

// src/diff/measure.ts
function sitePackagesOf(files) {
  const folders2 = /* @__PURE__ */ new Set();
  for (const file of files) {
    const match = /^(.*[\\/](?:site|dist)-packages)[\\/]/.exec(file);
    if (match?.[1] !== void 0) folders2.add(match[1]);
  }
  return [...folders2];
}
function coverageByRepositoryPath(report, paths) {
  const resolved = report.files.map((file) => ({
    ...file,
    filename: resolveCoberturaFile(file.filename, report.sources, paths.exists)
  }));
  const options = {
    workingDirectory: paths.workingDirectory,
    sitePackages: sitePackagesOf(resolved.map((file) => file.filename)),
    repoPrefix: paths.repoPrefix,
    exists: (relative) => paths.exists(import_node_path16.default.join(paths.workingDirectory, relative))
  };
  return joinFileLines(resolved, (file) => mapCoveragePath(file, options));
}
function measureDiffCoverage(input) {
  const { source, base } = input;
  const changed = changedLinesByFile(input.files);
  const result = computeDiffCoverage(changed, input.coverage);
  if (result.changedLines === 0) {
    return { measured: false, reason: "no changed lines", source, base };
  }
  if (result.coverableLines === 0) {
    const lines = `${result.changedLines} changed ${result.changedLines === 1 ? "line" : "lines"}`;
    return {
      measured: false,
      reason: `no changed Python lines that coverage measures (${lines}, none a measured statement)`,
      source,
      base
    };
  }
  const unreadFiles = input.files.filter((file) => file.binary && file.status !== "deleted").map((file) => file.path);
  return {
    measured: true,
    ...result,
    source,
    base,
    percentDisplay: String(result.percentTruncated),
    unreadFiles
  };
}

// src/diff/plan.ts
function pullRequestRef(event) {
  const number = event.pullRequest?.number;
  if (!event.isPullRequest || number === void 0 || event.repository === void 0)
    return void 0;
  return { ...event.repository, number };
}
function planDiff(input) {
  const { event } = input;
  const pullRequest = pullRequestRef(event);
  if (input.configured !== void 0) {
    return {
      kind: "compare",
      base: input.configured,
      explicit: true,
      ...pullRequest && { pullRequest }
    };
  }
  if (!event.isPullRequest) {
    const what = event.name === "" ? "outside GitHub" : `a ${event.name} event`;
    return {
      kind: "none",
      reason: `no base: not a pull request (${what}); set diff-base to compare with a branch`
    };
  }
  const sha = event.pullRequest?.baseSha;
  if (typeof sha !== "string" || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) {
    return { kind: "none", reason: "no base: the event names no pull request base commit" };
  }
  return { kind: "compare", base: sha, explicit: false, ...pullRequest && { pullRequest } };
}

// src/diff/changed-lines.ts
function whyNotInGit(run, base) {
  if (run.code === 127) return { missing: "git is not installed", fetch: false };
  if (/not a git repository/i.test(run.stderr)) {
    return { missing: "the workspace is not a git repository", fetch: false };
  }
  return { missing: `the base ${shortBase(base)} is not in this checkout's history`, fetch: true };
}
async function fromGit(host, base) {
  const git = (args) => host.runner.run("git", args, { cwd: host.workspace, env: host.env });
  const present = await git(["cat-file", "-e", `${base}^{commit}`]);
  if (present.code !== 0) return whyNotInGit(present, base);
  const config = ["-c", "diff.noprefix=false", "-c", "diff.mnemonicprefix=false"];
  const flags = ["--no-color", "--no-ext-diff", "--relative"];
  const run = await git([...config, "diff", ...flags, `${base}...HEAD`, "--"]);
  if (run.code === 0) return { diff: run.stdout };
  const said = run.stderr.trim().split("\n")[0] ?? "";
  return { missing: `git diff ${shortBase(base)}...HEAD failed: ${said}`, fetch: true };
}
async function fromApi(host, log, config, plan, github, git) {
  const { missing } = git;
  if (plan.explicit || plan.pullRequest === void 0) {
    const branch = plan.explicit ? plan.base : "BRANCH";
    const advice = git.fetch ? `; fetch it (actions/checkout with fetch-depth: 0, or git fetch origin ${branch})` : "";
    return { reason: `${missing}${advice}` };
  }
  const token = config.githubToken;
  if (token === void 0 || github === void 0) {
    const why = token === void 0 ? "github-token is empty" : "there is no GitHub API here";
    return { reason: `${missing} and ${why}, so the pull request's files cannot be listed` };
  }
  const { owner, repo, number } = plan.pullRequest;
  const client = new GitHubClient({ token, env: host.env, ...github, onRetry: (m) => log.info(m) });
  try {
    const listed = await client.paginate(
      `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/pulls/${number}/files?per_page=100`
    );
    log.info(
      `changed lines from the pull request files API (#${number}, ${listed.length} files): ${missing}`
    );
    return { files: parsePullRequestFiles(listed), source: "pull request files API" };
  } catch (error) {
    const reason = `the pull request's files could not be listed: ${errorMessage(error)}`;
    if (github.outages?.note("github", error, "no changed-lines coverage"))
      log.info(`Coverage of the changed lines is not measured: ${reason}`);
    else log.warning(`Coverage of the changed lines is not measured: ${reason}`);
    return { reason };
  }
}
async function changedFiles(host, log, config, plan, github) {
  const git = await fromGit(host, plan.base);
  if (!("diff" in git)) return fromApi(host, log, config, plan, github, git);
  log.info(`changed lines from git diff ${shortBase(plan.base)}...HEAD`);
  return { files: parseGitDiff(git.diff), source: "git diff base...HEAD" };
}
async function readCobertura(file) {
  const parser = new CoberturaParser();
  for await (const chunk of (0, import_node_fs17.createReadStream)(file, { encoding: "utf8" }))
    parser.write(chunk);
  return parser.close();
}
async function measure(host, log, config, event, coverageXml, github) {
  const plan = planDiff({ configured: config.diffBase, event });
  if (plan.kind === "none") return { measured: false, reason: plan.reason };
  const base = plan.base;
  if (!(0, import_node_fs17.existsSync)(coverageXml)) return { measured: false, reason: "no coverage.xml", base };
  try {
    const changed = await changedFiles(host, log, config, plan, github);
    if ("reason" in changed) return { measured: false, reason: changed.reason, base };
    const report = await readCobertura(coverageXml);
    const coverage2 = coverageByRepositoryPath(report, {
      workingDirectory: config.workingDirectory,
      repoPrefix: config.repoPrefix,
      exists: import_node_fs17.existsSync
    });
    return measureDiffCoverage({ files: changed.files, coverage: coverage2, source: changed.source, base });
  } catch (error) {
    if (!(error instanceof DiffParseError || error instanceof CoberturaReportError)) throw error;
    const reason = `the changes cannot be read: ${error.message}`;
    log.warning(`Coverage of the changed lines is not measured: ${reason}`);
    return { measured: false, reason, base };
  }
}
async function diffCoverageStage(host, config, event, coverageXml, github) {
  const threshold = config.failUnderDiff;
  const { value: value2 } = await runStep(host.log, {
    name: "diff coverage",
    title: "Coverage of the changed lines",
    run: (log) => measure(host, log, config, event, coverageXml, github),
    describe: (result) => {
      const unchecked = !result.measured && threshold !== void 0 ? `; fail-under-diff ${threshold}% not checked` : "";
      const summary2 = `${describeDiffCoverage(result)}${unchecked}`;
      return { ok: true, skipped: !result.measured, summary: summary2 };
    }
  });
  return value2;
}

// src/history/success-rate.ts
var NOT_COUNTED_CONCLUSIONS = /* @__PURE__ */ new Set([
  // A job or workflow skipped by its `if:`, or by paths filters.
  "skipped",
  "neutral",
  // Waiting for a maintainer's approval, or superseded before it ran.
  "action_required",
  "stale",
  // Stopped by a person or by `concurrency: cancel-in-progress` when a newer push came.
  "cancelled"
]);
function baseBranch(event) {
  if (event.isPullRequest) return event.pullRequest?.baseRef;
  if (event.name === "push" && event.ref.startsWith("refs/heads/"))
    return event.ref.slice("refs/heads/".length);
  return event.defaultBranch;
}
function ratePercent(successes, completed) {
  return completed === 0 ? 0 : Math.round(successes / completed * 1e3) / 10;
}
function successRate(runs, where, repository) {
  let successes = 0;
  let completed = 0;
  let notCounted = 0;
  const ours = (r) => {
    const head = r.head_repository?.full_name;
    return typeof head !== "string" || head === repository;
  };
  const window = runs.filter((r) => r.status === "completed" && ours(r)).slice(0, where.window);
  for (const run of window) {
    const conclusion = typeof run.conclusion === "string" ? run.conclusion : "";
    if (NOT_COUNTED_CONCLUSIONS.has(conclusion)) notCounted++;
    else {
      completed++;
      if (conclusion === "success") successes++;
    }
  }
  return {
    kind: completed === 0 ? "no-runs" : "measured",
    ...where,
    successes,
    completed,
    notCounted,
    percent: ratePercent(successes, completed)
  };
}

// src/history/history.ts
async function fetchHistory(env, event, request, services) {
  const log = new BufferedLog();
  const notMeasured = (reason) => ({
    history: { kind: "not-measured", reason },
    log
  });
  const workflow = event.workflowFile;
  const branch = baseBranch(event);
  if (request.window === 0) return notMeasured("history-window: 0");
  if (request.token === void 0) return notMeasured("github-token is empty");
  if (event.repository === void 0) return notMeasured("GITHUB_REPOSITORY is not owner/name");
  const { owner, repo } = event.repository;
  if (workflow === void 0) return notMeasured("GITHUB_WORKFLOW_REF names no workflow file");
  if (branch === void 0) return notMeasured("the event names no base branch");
  const query = new URLSearchParams({
    branch,
    status: "completed",
    // The newest hundred: forks' runs are dropped from them before the window is taken.
    per_page: "100"
  });
  const path30 = `/repos/${owner}/${repo}/actions/workflows/${encodeURIComponent(workflow)}/runs?${query}`;
  try {
    const client = new GitHubClient({
      token: request.token,
      env,
      ...services,
      onRetry: (message) => log.info(message)
    });
    const { data } = await client.request("GET", path30);
    const runs = Array.isArray(data?.workflow_runs) ? data.workflow_runs : [];
    const where = { branch, workflow, window: request.window };
    return { history: successRate(runs, where, `${owner}/${repo}`), log };
  } catch (error) {
    if (error instanceof Error && error.stack) log.debug(error.stack);
    if (services.outages?.note("github", error, "no success rate")) {
      log.info(`The build success rate was not measured: ${errorMessage(error)}`);
      return notMeasured("GitHub did not answer (see the warning)");
    }
    const status = error instanceof GitHubApiError ? error.status : 0;
    const advice = status === 403 || status === 404 ? 'Listing workflow runs needs "permissions: actions: read" on the job.' : status === 0 || status >= 500 ? "GitHub did not answer, after retries." : "GitHub refused the request.";
    log.warning(
      `The build success rate was not measured: ${errorMessage(error)}. ${advice} The other results are not affected.`
    );
    return notMeasured("the workflow runs API failed (see the warning)");
  }
}

// src/install/install.ts
var import_node_fs22 = __toESM(require_node_fs(), 1);
var import_node_path24 = __toESM(require_node_path(), 1);
var import_semver2 = __toESM(require_semver(), 1);

// src/install/fingerprint.ts
var import_node_crypto4 = __toESM(require_node_crypto(), 1);
var import_node_fs18 = __toESM(require_node_fs(), 1);
var import_node_path17 = __toESM(require_node_path(), 1);
var PROJECT_MARKER = "python-ci-project.json";
var FINGERPRINT_BUDGET = { entries: 2e4, bytes: 256 * 1024 * 1024 };
var NEVER_BUILT = /* @__PURE__ */ new Set([
  ".git",
  "__pycache__",
  ".pytest_cache",
  ".mypy_cache",
  ".ruff_cache",
  ".tox",
  ".nox",
  "node_modules"
]);
var VENV_NAMES = /* @__PURE__ */ new Set([".venv", "venv"]);
function neverBuilt(name, full) {
  return NEVER_BUILT.has(name) || VENV_NAMES.has(name) && (0, import_node_fs18.existsSync)(import_node_path17.default.join(full, "pyvenv.cfg"));
}
var OverBudget = class extends Error {
};
var MiB = 1024 * 1024;
function projectFingerprint(dir, extra = "", budget = FINGERPRINT_BUDGET) {
  const hash = (0, import_node_crypto4.createHash)("sha256").update(`python-ci-project 1\0${extra}\0`);
  const open = /* @__PURE__ */ new Set();
  let entries = 0;
  let bytes = 0;
  const spend = (entry2, size) => {
    entries += entry2;
    bytes += size;
    if (entries > budget.entries || bytes > budget.bytes) throw new OverBudget();
  };
  const chunk = Buffer.allocUnsafe(MiB);
  const hashFile = (full) => {
    const fd = (0, import_node_fs18.openSync)(full, "r");
    try {
      for (let n = (0, import_node_fs18.readSync)(fd, chunk); n > 0; n = (0, import_node_fs18.readSync)(fd, chunk)) {
        hash.update(chunk.subarray(0, n));
      }
    } finally {
      (0, import_node_fs18.closeSync)(fd);
    }
  };
  const entry = (relPath, full, stat) => {
    if (stat.isDirectory()) {
      hash.update(`d\0${relPath}\0`);
      walk(relPath, full);
    } else if (stat.isFile()) {
      spend(0, stat.size);
      hash.update(`f\0${relPath}\0${stat.mode & 73 ? "x" : "-"}\0${stat.size}\0`);
      hashFile(full);
    }
  };
  const walk = (rel, full) => {
    const real2 = (0, import_node_fs18.realpathSync)(full);
    if (open.has(real2)) {
      hash.update(`c\0${rel}\0`);
      return;
    }
    open.add(real2);
    for (const name of (0, import_node_fs18.readdirSync)(full).sort()) {
      const child = import_node_path17.default.join(full, name);
      if (neverBuilt(name, child)) continue;
      spend(1, 0);
      const relPath = rel === "" ? name : `${rel}/${name}`;
      const stat = (0, import_node_fs18.lstatSync)(child);
      if (stat.isSymbolicLink()) {
        hash.update(`l\0${relPath}\0${(0, import_node_fs18.readlinkSync)(child)}\0`);
        const target = (0, import_node_fs18.statSync)(child, { throwIfNoEntry: false });
        if (target) entry(relPath, child, target);
      } else entry(relPath, child, stat);
    }
    open.delete(real2);
  };
  try {
    walk("", dir);
  } catch (error) {
    if (!(error instanceof OverBudget)) {
      const message = typeof error === "object" && error !== null && "message" in error ? error.message : error;
      return { unknown: `the checkout could not be read (${String(message)})` };
    }
    const over = entries > budget.entries ? `more than ${budget.entries.toLocaleString("en-US")} files and folders` : `more than ${Math.round(budget.bytes / MiB)} MiB in its files`;
    return { unknown: `the checkout holds ${over}, the fingerprint's budget` };
  }
  return { hash: hash.digest("hex") };
}
function hasStaticVersion(pyproject) {
  const project = pyproject?.project;
  const dynamic = Array.isArray(project?.dynamic) ? project?.dynamic : [];
  return typeof project?.version === "string" && !dynamic.includes("version");
}
function readProjectMarker(venvDir) {
  const file = import_node_path17.default.join(venvDir, PROJECT_MARKER);
  if (!(0, import_node_fs18.existsSync)(file)) return void 0;
  try {
    const marker = JSON.parse((0, import_node_fs18.readFileSync)(file, "utf8"));
    if (typeof marker.fingerprint !== "string") return void 0;
    return {
      fingerprint: marker.fingerprint,
      distName: typeof marker.distName === "string" ? marker.distName : void 0,
      venvPip: marker.venvPip === true,
      buildEnv: marker.buildEnv === true
    };
  } catch {
    return void 0;
  }
}
function writeProjectMarker(venvDir, marker) {
  (0, import_node_fs18.writeFileSync)(import_node_path17.default.join(venvDir, PROJECT_MARKER), `${JSON.stringify(marker)}
`);
}

// src/install/plan.ts
var import_node_fs19 = __toESM(require_node_fs(), 1);
var import_node_path21 = __toESM(require_node_path(), 1);

// src/install/groups.ts
var import_node_path19 = __toESM(require_node_path(), 1);
var import_node_url2 = __toESM(require_node_url(), 1);

// src/install/poetry.ts
var import_node_path18 = __toESM(require_node_path(), 1);
var import_node_url = __toESM(require_node_url(), 1);
var OPERATOR = /(<>|!=|>=|<=|==|~=|=|>|<|~|\^)\s+/g;
function release2(text5) {
  const m = /^v?(\d+(?:\.\d+)*)(.*)$/i.exec(text5);
  if (!m?.[1]) return void 0;
  return { parts: m[1].split(".").map(Number), rest: m[2] ?? "" };
}
function version(parts, length) {
  return [...parts, ...Array(Math.max(length - parts.length, 0)).fill(0)].join(".");
}
function single(constraint) {
  if (/^v?[xX*](\.[xX*])*$/.test(constraint)) return [];
  const tilde = /^~(?!=)(.+)$/.exec(constraint);
  const caret = /^\^(.+)$/.exec(constraint);
  const lower = release2(tilde?.[1] ?? caret?.[1] ?? "");
  if ((tilde || caret) && lower) {
    const { parts } = lower;
    const [major = 0, minor = 0, patch = 0] = parts;
    const upper = caret ? major > 0 || parts.length === 1 ? [major + 1] : minor > 0 || parts.length === 2 ? [0, minor + 1] : [0, 0, patch + 1] : parts.length === 1 ? [major + 1] : [major, minor + 1];
    return [`>=${version(parts, 1)}${lower.rest}`, `<${version(upper, parts.length)}`];
  }
  if (tilde || caret) return void 0;
  const wildcard = /^(!=|==)?v?(\d+(?:\.\d+){0,2})(?:\.\*)+$/.exec(constraint);
  if (wildcard) return [`${wildcard[1] ?? "=="}${wildcard[2]}.*`];
  const basic = /^(<>|!=|>=|<=|==|~=|=|>|<)?v?(\d[0-9A-Za-z.+!_-]*(?:\.\*)?)$/.exec(constraint);
  if (!basic?.[2]) return void 0;
  const op = basic[1] === void 0 || basic[1] === "=" ? "==" : basic[1] === "<>" ? "!=" : basic[1];
  return [`${op}${basic[2]}`];
}
function parse2(constraint) {
  const groups = [];
  for (const alternative of constraint.trim().split(/\s*\|\|?\s*/)) {
    const clauses = [];
    const words2 = alternative.replace(/,\s*$/, "").replace(OPERATOR, "$1").split(/[\s,]+/).filter((w) => w !== "");
    for (const word of words2) {
      const parsed = single(word);
      if (parsed === void 0) return void 0;
      clauses.push(...parsed);
    }
    groups.push(clauses);
  }
  return groups;
}
function poetryVersion(constraint) {
  const groups = parse2(constraint);
  if (groups === void 0) return { unsupported: `version '${constraint}' is not understood` };
  if (groups.some((g) => g.length === 0)) return { specifier: "" };
  if (groups.length > 1)
    return {
      unsupported: `version '${constraint}' has alternatives (||), which PEP 508 cannot say`
    };
  return { specifier: (groups[0] ?? []).join(",") };
}
function poetryPythonMarker(constraint) {
  const groups = parse2(constraint);
  if (groups === void 0) return void 0;
  if (groups.some((g) => g.length === 0)) return "";
  const clauses = groups.map(
    (g) => g.map((clause) => {
      const m = /^([<>=!~]+)(.*)$/.exec(clause);
      const [op, v] = [m?.[1] ?? "==", m?.[2] ?? ""];
      const variable = v.replace(/\.\*$/, "").split(".").length > 2 ? "python_full_version" : "python_version";
      return `${variable} ${op} "${v}"`;
    })
  );
  if (clauses.length === 1) return (clauses[0] ?? []).join(" and ");
  return clauses.map((c) => c.length > 1 ? `(${c.join(" and ")})` : c.join("")).join(" or ");
}
function text4(value2) {
  return typeof value2 === "string" && value2.trim() !== "" ? value2.trim() : void 0;
}
function gitUrl(url) {
  const scp = /^([\w.-]+@[\w.-]+):(?!\/\/)(.*)$/.exec(url);
  const full = scp ? `ssh://${scp[1]}/${scp[2]}` : url;
  return full.startsWith("git+") ? full : `git+${full}`;
}
function tableEntry(name, spec, projectDir) {
  const notes = [];
  const extras = Array.isArray(spec.extras) ? spec.extras.filter((e) => typeof e === "string") : [];
  const head = `${name}${extras.length ? `[${extras.join(",")}]` : ""}`;
  const markers = [];
  const python = text4(spec.python);
  if (python !== void 0) {
    const marker2 = poetryPythonMarker(python);
    if (marker2 === void 0)
      return { note: `${name}: python '${python}' is not understood; left out` };
    if (marker2 !== "") markers.push(marker2);
  }
  const platform2 = text4(spec.platform);
  if (platform2 !== void 0) markers.push(`sys_platform == "${platform2}"`);
  const written = text4(spec.markers);
  if (written !== void 0) markers.push(written);
  const marker = markers.length === 0 ? "" : markers.length === 1 ? markers[0] ?? "" : markers.map((m) => `(${m})`).join(" and ");
  const git = text4(spec.git);
  const local = text4(spec.path);
  const url = text4(spec.url);
  let target;
  if (git !== void 0) {
    const ref = text4(spec.rev) ?? text4(spec.tag) ?? text4(spec.branch);
    const sub = text4(spec.subdirectory);
    target = ` @ ${gitUrl(git)}${ref ? `@${ref}` : ""}${sub ? `#subdirectory=${sub}` : ""}`;
  } else if (local !== void 0) {
    const folder = import_node_path18.default.resolve(projectDir, local);
    if (folder === import_node_path18.default.resolve(projectDir))
      return { note: `${name}: path '${local}' is the project itself, installed by the action` };
    target = ` @ ${(0, import_node_url.pathToFileURL)(folder).href}`;
    if (spec.develop === true) notes.push(`${name}: from path '${local}', not editable`);
  } else if (url !== void 0) {
    target = ` @ ${url}`;
  } else {
    const v = poetryVersion(text4(spec.version) ?? "*");
    if ("unsupported" in v) notes.push(`${name}: ${v.unsupported}; any version`);
    target = "specifier" in v ? v.specifier : "";
  }
  const source = text4(spec.source);
  if (source !== void 0)
    notes.push(`${name}: source '${source}' is Poetry's; pip looks in the indexes it is given`);
  const separator = target.startsWith(" @ ") ? " ; " : "; ";
  return {
    requirement: `${head}${target}${marker ? `${separator}${marker}` : ""}`,
    note: notes.length ? notes.join("; ") : void 0
  };
}
function poetryRequirements(name, spec, projectDir) {
  if (name.toLowerCase() === "python") return { requirements: [], notes: [] };
  const specs = Array.isArray(spec) ? spec : [spec];
  const requirements = [];
  const notes = [];
  for (const one of specs) {
    let entry;
    if (typeof one === "string") {
      const v = poetryVersion(one);
      entry = "specifier" in v ? { requirement: `${name}${v.specifier}` } : { requirement: name, note: `${name}: ${v.unsupported}; any version` };
    } else if (one !== null && typeof one === "object" && !Array.isArray(one)) {
      entry = tableEntry(name, one, projectDir);
    } else {
      entry = { note: `${name}: ${JSON.stringify(one)} is not a Poetry dependency; left out` };
    }
    if (entry.requirement !== void 0) requirements.push(entry.requirement);
    if (entry.note !== void 0) notes.push(entry.note);
  }
  return { requirements, notes };
}

// src/install/groups.ts
function nameOf(requirement) {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?/.exec(requirement);
  if (!m?.[1]) return void 0;
  const extras = (m[2] ?? "").split(",").map((e) => e.trim()).filter((e) => e !== "");
  return { name: m[1], extras };
}
function withoutSelf(project, source, requirements, notes) {
  const self = project.name === void 0 ? void 0 : normalizeName(project.name);
  const kept = [];
  const extras = [];
  const more = [...notes];
  for (const r of requirements) {
    const named = nameOf(r);
    if (self !== void 0 && named && normalizeName(named.name) === self) {
      extras.push(...named.extras);
      more.push(`'${r}' is the project itself, installed by the action`);
    } else kept.push(r);
  }
  return { source, requirements: kept, extras, notes: more };
}
function poetryGroup(groups, name, projectDir, seen = []) {
  const key = normalizeName(name);
  const group = Object.hasOwn(groups, key) ? groups[key] : void 0;
  if (!group) throw new ProjectError(`poetry group '${name}' is not defined`);
  if (seen.includes(key))
    throw new ProjectError(
      `poetry group '${name}' includes itself (${[...seen, key].join(" -> ")})`
    );
  const requirements = [];
  const notes = [];
  for (const included of group.includeGroups) {
    const more = poetryGroup(groups, included, projectDir, [...seen, key]);
    requirements.push(...more.requirements);
    notes.push(...more.notes);
  }
  for (const [dependency, spec] of Object.entries(group.dependencies)) {
    const converted = poetryRequirements(dependency, spec, projectDir);
    requirements.push(...converted.requirements);
    notes.push(...converted.notes);
  }
  return { requirements, notes };
}
function localFolder(target, projectDir) {
  if (/^file:/i.test(target)) {
    try {
      return import_node_path19.default.resolve((0, import_node_url2.fileURLToPath)(target.replace(/#.*$/, "")));
    } catch {
      return void 0;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return void 0;
  return import_node_path19.default.resolve(projectDir, target.replace(/\[[^\]]*\]$/, ""));
}
function pdmEntry(entry, projectDir) {
  if (typeof entry !== "string")
    return { note: `${JSON.stringify(entry)} is not a requirement; left out` };
  const rootUrl = (0, import_node_url2.pathToFileURL)(projectDir).href;
  const expanded = entry.trim().replace(/file:\/\/\/?\$\{PROJECT_ROOT\}/g, rootUrl).replace(/\$\{PROJECT_ROOT\}/g, projectDir);
  const editable = /^(?:-e|--editable)(?:\s+|=)(.*)$/.exec(expanded);
  if (!editable) return { requirement: expanded };
  const target = (editable[1] ?? "").trim();
  const folder = localFolder(target, projectDir);
  if (folder !== void 0 && folder === import_node_path19.default.resolve(projectDir)) {
    const extras = /\[([^\]]*)\]$/.exec(target)?.[1]?.split(",").map((e) => e.trim()) ?? [];
    return {
      note: `'${entry}' is the project itself, installed by the action`,
      selfExtras: extras.filter((e) => e !== "")
    };
  }
  return {
    requirement: folder ?? directReference(target),
    note: `'${entry}': installed, not editable`
  };
}
function directReference(url) {
  const [base = "", fragment] = url.split("#", 2);
  if (fragment === void 0) return url;
  const params = fragment.split("&");
  const egg = params.find((p) => p.startsWith("egg="))?.slice(4);
  if (!egg) return url;
  const rest = params.filter((p) => !p.startsWith("egg="));
  return `${egg} @ ${base}${rest.length ? `#${rest.join("&")}` : ""}`;
}
function resolveGroup(project, name) {
  const key = normalizeName(name);
  const sources = [];
  if (Object.hasOwn(project.dependencyGroups, key)) {
    const requirements = resolveDependencyGroup(project.dependencyGroups, key);
    sources.push(withoutSelf(project, `group ${key} (pyproject.toml)`, requirements, []));
  }
  if (Object.hasOwn(project.poetryGroups, key)) {
    const { requirements, notes } = poetryGroup(project.poetryGroups, key, project.dir);
    sources.push(withoutSelf(project, `poetry group ${key} (pyproject.toml)`, requirements, notes));
  }
  if (Object.hasOwn(project.pdmGroups, key)) {
    const requirements = [];
    const notes = [];
    const extras = [];
    for (const entry of project.pdmGroups[key] ?? []) {
      const one = pdmEntry(entry, project.dir);
      if (one.requirement !== void 0) requirements.push(one.requirement);
      if (one.note !== void 0) notes.push(one.note);
      extras.push(...one.selfExtras ?? []);
    }
    const source = withoutSelf(project, `pdm group ${key} (pyproject.toml)`, requirements, notes);
    sources.push({ ...source, extras: [...extras, ...source.extras] });
  }
  if (sources.length === 0) throw new ProjectError(`dependency group '${name}' is not defined`);
  return sources;
}

// src/install/requirement-files.ts
var import_node_path20 = __toESM(require_node_path(), 1);
var import_node_url3 = __toESM(require_node_url(), 1);
var AUTO_REQUIREMENT_PLACES = [
  {
    folder: "",
    pattern: /^(requirements[-_](dev|test|tests|testing)|(dev|test|tests|testing)[-_]requirements)\.txt$/i
  },
  { folder: "requirements", pattern: /^(dev|test)[^/]*\.txt$/i },
  { folder: "tests", pattern: /^requirements[^/]*\.txt$/i },
  { folder: "test", pattern: /^requirements[^/]*\.txt$/i }
];
function autoRequirementFiles(list2) {
  return AUTO_REQUIREMENT_PLACES.flatMap(
    ({ folder, pattern }) => list2(folder).filter((name) => pattern.test(name)).sort().map((name) => folder ? `${folder}/${name}` : name)
  );
}
function logicalLines(text5) {
  const lines = [];
  let pending = "";
  for (const raw of text5.split(/\r?\n/)) {
    if (raw.endsWith("\\")) {
      pending += raw.slice(0, -1);
      continue;
    }
    lines.push((pending + raw).replace(/(^|\s+)#.*$/, "").trim());
    pending = "";
  }
  if (pending) lines.push(pending.replace(/(^|\s+)#.*$/, "").trim());
  return lines.filter((l) => l !== "");
}
var isUrl = (target) => /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
function classifyLine(line) {
  const include = /^(-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+|(?<=^-[rc]))(\S.*)$/.exec(line);
  if (include?.[1] && include[2])
    return { kind: "include", option: include[1], target: include[2].trim() };
  const links = /^(-f|--find-links)(?:\s*=\s*|\s+)(\S.*)$/.exec(line);
  if (links?.[1] && links[2])
    return { kind: "find-links", option: links[1], target: links[2].trim() };
  const editable = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)/.exec(line);
  if (editable?.[1]) return { kind: "local", editable: true, target: editable[1] };
  const first = line.split(/\s+/)[0] ?? "";
  if (/^(\.|\/|~|file:)/i.test(first)) return { kind: "local", editable: false, target: first };
  return { kind: "other" };
}
function localTarget(target) {
  const extras = /\[([^\]]*)\]$/.exec(target.replace(/#.*$/, ""))?.[1];
  let bare = target.replace(/#.*$/, "").replace(/\[[^\]]*\]$/, "");
  if (/^file:\/\//i.test(bare)) {
    try {
      bare = (0, import_node_url3.fileURLToPath)(bare);
    } catch {
      return void 0;
    }
  } else if (/^file:/i.test(bare)) bare = bare.slice("file:".length);
  else if (isUrl(bare)) return void 0;
  const list2 = (extras ?? "").split(",").map((e) => e.trim()).filter((e) => e !== "");
  return { path: bare === "" ? "." : bare, extras: list2 };
}
function prepareRequirementFiles(files, projectDir, scratchDir, access) {
  const project = import_node_path20.default.resolve(projectDir);
  const copies = [];
  const extras = [];
  const notes = [];
  const done = /* @__PURE__ */ new Map();
  const shown = (file) => import_node_path20.default.relative(project, file) || file;
  const visit = (file, stack) => {
    const known = done.get(file);
    if (known !== void 0) return known;
    const text5 = stack.includes(file) ? void 0 : access.read(file);
    if (text5 === void 0) return file;
    const dir = import_node_path20.default.dirname(file);
    let changed = false;
    const out = [];
    for (const line of logicalLines(text5)) {
      const kind = classifyLine(line);
      const literal = kind.kind !== "other" && !kind.target.includes("${");
      if (kind.kind === "include" && literal && !isUrl(kind.target)) {
        const target = import_node_path20.default.resolve(dir, kind.target);
        const nested = /^(-r|--requirement)$/.test(kind.option) ? visit(target, [...stack, file]) : target;
        if (nested !== target) changed = true;
        out.push(`${kind.option} ${nested}`);
      } else if (kind.kind === "find-links" && literal && !isUrl(kind.target) && !import_node_path20.default.isAbsolute(kind.target)) {
        const beside = import_node_path20.default.resolve(dir, kind.target);
        out.push(access.exists(beside) ? `${kind.option} ${beside}` : line);
      } else if (kind.kind === "local") {
        const local = localTarget(kind.target);
        const self = local !== void 0 && [import_node_path20.default.resolve(project, local.path), import_node_path20.default.resolve(dir, local.path)].includes(project);
        if (local && self) {
          changed = true;
          extras.push(...local.extras);
          notes.push(
            `${shown(file)}: '${line}' is the project itself, which the action installs once${kind.editable ? " (not editable)" : ""}; that line is left out`
          );
          out.push(`# ${line}  (the project itself: installed by the action)`);
        } else out.push(line);
      } else out.push(line);
    }
    if (!changed) {
      done.set(file, file);
      return file;
    }
    const copy = import_node_path20.default.join(scratchDir, `${copies.length + 1}-${import_node_path20.default.basename(file)}`);
    copies.push({ file: copy, text: `${out.join("\n")}
` });
    done.set(file, copy);
    return copy;
  };
  const args = files.map((f) => visit(import_node_path20.default.resolve(project, f), []));
  return { args, copies, extras: [...new Set(extras)], notes };
}

// src/install/plan.ts
var AUTO_NAMES = ["test", "tests", "testing", "dev"];
var isFile = (file) => {
  try {
    return (0, import_node_fs19.statSync)(file).isFile();
  } catch {
    return false;
  }
};
var diskFiles = (workspace) => ({
  list: (dir) => {
    try {
      return (0, import_node_fs19.readdirSync)(dir, { withFileTypes: true }).filter((e) => e.isFile() || e.isSymbolicLink() && isFile(import_node_path21.default.join(dir, e.name))).map((e) => e.name);
    } catch {
      return [];
    }
  },
  outside: (file) => outsideWorkspace(workspace, file),
  read: (file) => {
    try {
      return (0, import_node_fs19.readFileSync)(file, "utf8");
    } catch {
      return void 0;
    }
  },
  exists: import_node_fs19.existsSync
});
function extrasHint(project) {
  if (project.extras !== void 0) return void 0;
  const where = project.pyproject?.project ? "are dynamic in pyproject.toml" : project.hasSetupPy || project.hasSetupCfg ? "of a setup.py or setup.cfg project are not read without running it" : "are not declared in pyproject.toml";
  return `extras ${where}, so auto picked none; name them with extra:NAME`;
}
function groupLines(sources) {
  return sources.flatMap((s) => [
    .../^(poetry|pdm) /.test(s.source) ? [
      `${s.source.replace(/ \(pyproject\.toml\)$/, "")}: ${s.requirements.join(", ") || "nothing"}`
    ] : [],
    ...s.notes.map((n) => `${s.source.replace(/ \(pyproject\.toml\)$/, "")}: ${n}`)
  ]);
}
function planInstall(config, missingTools2, scratchDir, files) {
  const { install, project } = config;
  const dir = config.workingDirectory;
  const extras = [...install.extras];
  const groups = [...install.groups];
  const requirementFiles = [...install.requirements];
  const notes = [];
  const declared = declaredGroups(project);
  if (install.auto) {
    const hint = extrasHint(project);
    if (hint) notes.push(hint);
    for (const n of AUTO_NAMES)
      if (project.extras?.includes(n) && !extras.map(normalizeName).includes(n)) extras.push(n);
    for (const n of AUTO_NAMES)
      if (declared.includes(n) && !groups.map(normalizeName).includes(n)) groups.push(n);
    for (const found of autoRequirementFiles((folder) => files.list(import_node_path21.default.join(dir, folder)))) {
      const file = import_node_path21.default.join(dir, found);
      const why = files.outside(file);
      if (why !== void 0) {
        throw new InstallError(
          `install: auto found ${found}, a requirements file that ${why}; accepted: files inside the workspace, or name the ones to use with requirements:PATH`
        );
      }
      if (!requirementFiles.includes(file)) requirementFiles.push(file);
    }
  }
  const sources = groups.flatMap((g) => resolveGroup(project, g));
  const prepared = prepareRequirementFiles(requirementFiles, dir, scratchDir, files);
  const picked = [
    ...extras.map((e) => `extra ${e}`),
    ...sources.map((s) => s.source),
    ...requirementFiles.map((f) => import_node_path21.default.relative(dir, f))
  ];
  for (const e of [...sources.flatMap((s) => s.extras), ...prepared.extras])
    if (!extras.map(normalizeName).includes(normalizeName(e))) extras.push(e);
  const others = declared.filter((g) => !groups.map(normalizeName).includes(g));
  if (install.auto && picked.length === 0 && others.length)
    notes.push(`groups that auto leaves alone: ${others.join(", ")}; name one with group:NAME`);
  notes.unshift(
    picked.length ? `test dependencies: ${picked.join(", ")}` : "test dependencies: none found",
    ...groupLines(sources),
    ...prepared.notes
  );
  if (missingTools2.length) notes.push(`tools the environment lacks: ${missingTools2.join(", ")}`);
  return {
    extras,
    groups,
    requirementFiles: prepared.args,
    copies: prepared.copies,
    requirements: [...sources.flatMap((s) => s.requirements), ...missingTools2],
    notes
  };
}
function pipInstallArgs(config, request) {
  const target = request.extras.length ? `${config.workingDirectory}[${request.extras.join(",")}]` : config.workingDirectory;
  return [
    ...config.pipArgs,
    ...config.buildIsolation ? [] : ["--no-build-isolation"],
    target,
    ...request.requirementFiles.flatMap((f) => ["-r", f]),
    // Requirements come from the project's files: none may pass for an option.
    ...request.requirements.length ? ["--", ...request.requirements] : []
  ];
}

// src/install/submodules.ts
var import_node_fs20 = __toESM(require_node_fs(), 1);
var import_node_path22 = __toESM(require_node_path(), 1);
function submodulePaths(gitmodules) {
  const paths = [];
  let inSubmodule = false;
  for (const raw of gitmodules.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("[")) inSubmodule = /^\[submodule\s+"[^"]*"\s*\]$/.test(line);
    const m = /^path\s*=\s*(.*)$/.exec(line);
    if (inSubmodule && m?.[1]) paths.push(m[1].replace(/^"(.*)"$/, "$1").replace(/\/+$/, ""));
  }
  return paths;
}
function emptySubmodulesWarning(empty) {
  if (empty.length === 0) return void 0;
  const list2 = empty.join(", ");
  const verb = empty.length === 1 ? "is a git submodule" : "are git submodules";
  const them = empty.length === 1 ? "its folder is" : "their folders are";
  return `${list2} ${verb} (.gitmodules) but ${them} empty: the checkout has no submodules. If the tests need them, check out with \`submodules: true\` (actions/checkout's input)`;
}
function gitmodulesOf(dir) {
  for (let at = import_node_path22.default.resolve(dir); ; at = import_node_path22.default.dirname(at)) {
    const file = import_node_path22.default.join(at, ".gitmodules");
    if ((0, import_node_fs20.existsSync)(file)) return file;
    if ((0, import_node_fs20.existsSync)(import_node_path22.default.join(at, ".git")) || import_node_path22.default.dirname(at) === at) return void 0;
  }
}
function isEmptyFolder(folder) {
  try {
    return (0, import_node_fs20.statSync)(folder).isDirectory() && (0, import_node_fs20.readdirSync)(folder).length === 0;
  } catch {
    return true;
  }
}
function warnEmptySubmodules(log, dir) {
  const file = gitmodulesOf(dir);
  if (file === void 0) return;
  let text5;
  try {
    text5 = (0, import_node_fs20.readFileSync)(file, "utf8");
  } catch (error) {
    log.debug(`${file} could not be read: ${String(error)}`);
    return;
  }
  const root = import_node_path22.default.dirname(file);
  const empty = submodulePaths(text5).filter((p) => isEmptyFolder(import_node_path22.default.join(root, p)));
  const warning = emptySubmodulesWarning(empty);
  if (warning) log.warning(warning);
}

// src/install/wheel.ts
var import_node_fs21 = __toESM(require_node_fs(), 1);
var import_node_path23 = __toESM(require_node_path(), 1);
var LEGACY_BACKEND = "setuptools.build_meta:__legacy__";
var LEGACY_REQUIRES = ["setuptools>=40.8.0"];
function buildBackendOf(pyproject) {
  const system = pyproject?.["build-system"];
  const backend = typeof system?.["build-backend"] === "string" ? system["build-backend"] : "";
  const paths = Array.isArray(system?.["backend-path"]) ? system["backend-path"] : [];
  const requires = Array.isArray(system?.requires) ? system.requires : void 0;
  return {
    backend: backend.trim() || LEGACY_BACKEND,
    backendPath: paths.filter((p) => typeof p === "string"),
    requires: requires?.filter((r) => typeof r === "string") ?? LEGACY_REQUIRES
  };
}
var BUILD_ENV = "python-ci-build-env";
function isolatedRun(env, buildEnv) {
  return { env: { ...env, PYTHONPATH: buildEnv, PYTHONNOUSERSITE: "1" }, pythonArgs: ["-S"] };
}
var BUILD_WHEEL = `import importlib, json, os, sys
spec, outdir, paths = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]
sys.path[:0] = [os.path.abspath(p) for p in paths]
module, _, attrs = spec.partition(":")
backend = importlib.import_module(module.strip())
for attr in filter(None, attrs.strip().split(".")):
    backend = getattr(backend, attr)
if outdir == "--requires":
    print("\\n" + json.dumps(backend.get_requires_for_build_wheel()))
else:
    name = backend.build_wheel(outdir)
    print("\\n" + json.dumps(os.path.join(outdir, name)))`;
async function buildWheelInVenv(host, venvPython, env, projectDir, backend, outDir, buildEnv) {
  (0, import_node_fs21.rmSync)(outDir, { recursive: true, force: true });
  (0, import_node_fs21.mkdirSync)(outDir, { recursive: true });
  const run = buildEnv === void 0 ? { env } : isolatedRun(env, buildEnv);
  try {
    return await runSnippet(
      host,
      venvPython,
      BUILD_WHEEL,
      [backend.backend, outDir, JSON.stringify(backend.backendPath)],
      `building the wheel with ${backend.backend}${buildEnv === void 0 ? "" : " (isolated)"}`,
      { cwd: projectDir, ...run }
    );
  } catch (error) {
    if (error instanceof SnippetError) throw new WheelBuildError(error.message);
    throw error;
  }
}
var WheelBuildError = class extends Error {
  name = "WheelBuildError";
};
function wheelDistName(file) {
  return /^([^-]+)-[^-]+(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(import_node_path23.default.basename(file))?.[1];
}
async function backendWheelRequires(host, venvPython, env, projectDir, backend, buildEnv) {
  try {
    return await runSnippet(
      host,
      venvPython,
      BUILD_WHEEL,
      [backend.backend, "--requires", JSON.stringify(backend.backendPath)],
      `asking ${backend.backend} what it needs to build a wheel`,
      { cwd: projectDir, ...isolatedRun(env, buildEnv) }
    );
  } catch (error) {
    if (error instanceof SnippetError) throw new WheelBuildError(error.message);
    throw error;
  }
}

// src/install/install.ts
var TOOL_PROBE = "import importlib.util as u, json, sys; print(json.dumps([m for m in sys.argv[1:] if u.find_spec(m) is None]))";
async function missingTools(host, python, env, modules) {
  if (modules.length === 0) return [];
  try {
    return await runSnippet(
      host,
      python,
      TOOL_PROBE,
      modules,
      "looking for pytest and coverage",
      { env, cwd: host.tempDir }
    );
  } catch (error) {
    if (error instanceof SnippetError) throw new InstallError(error.message);
    throw error;
  }
}
function pipIsOffline(env) {
  return /^(1|true|yes|on)$/i.test(env.PIP_NO_INDEX?.trim() ?? "");
}
function distNameFromReport(file, projectDir) {
  try {
    const report = JSON.parse((0, import_node_fs22.readFileSync)(file, "utf8"));
    const url = new URL(`file://${projectDir}`).href.replace(/\/$/, "");
    return report.install?.find((i) => i.download_info?.url?.replace(/\/$/, "") === url)?.metadata?.name;
  } catch {
    return void 0;
  }
}
async function installProject(host, config, python, options = {}) {
  warnEmptySubmodules(host.log, config.workingDirectory);
  const before = findLeftovers(config.workingDirectory);
  const basePip = python.pipVersion !== void 0 && import_semver2.default.gte(import_semver2.default.coerce(python.pipVersion) ?? "0.0.0", "22.3.0");
  try {
    const [installed, tools] = await Promise.all([
      installInto(host, config, python, basePip, options),
      config.build ? prepareTools(host, config, python, basePip, pipIsOffline(host.env)) : void 0
    ]);
    return tools === void 0 ? installed : { ...installed, tools };
  } finally {
    removeNewLeftovers(host.log, config.workingDirectory, before, "the install");
  }
}
async function installInto(host, config, python, basePip, options) {
  const { log, runner } = host;
  const dir = import_node_path24.default.join(host.tempDir, "venv");
  const fingerprint = options.fingerprint || options.reuseVenv ? await checkoutFingerprint(host, config) : void 0;
  if (options.reuseVenv) return reinstallProject(host, config, python, dir, basePip, fingerprint);
  (0, import_node_fs22.rmSync)(dir, { recursive: true, force: true });
  const tools = config.test ? ["pytest", "coverage"] : [];
  let systemSite = config.systemSitePackages;
  if (!systemSite && tools.length > 0 && pipIsOffline(host.env)) {
    const baseMissing = await missingTools(host, python.executable, host.env, tools);
    if (baseMissing.length === 0) {
      systemSite = true;
      log.info(
        `pip is offline (PIP_NO_INDEX) and ${python.executable} has ${tools.join(", ")}: the venv reuses them (system site-packages)`
      );
    }
  }
  const created = await runner.run(
    python.executable,
    [
      "-m",
      "venv",
      ...systemSite ? ["--system-site-packages"] : [],
      ...basePip ? ["--without-pip"] : [],
      dir
    ],
    { env: host.env }
  );
  if (created.code !== 0)
    throw new InstallError(`python -m venv failed (exit ${created.code}):
${tail(created.output)}`);
  const venv = venvOf(host, dir);
  log.info(`virtual environment: ${dir}${systemSite ? " (with system site-packages)" : ""}`);
  const probed = await missingTools(host, venv.python, venv.env, [
    ...tools,
    ...fingerprint !== void 0 ? ["pip"] : []
  ]);
  const missing = probed.filter((m) => m !== "pip");
  const request = planInstall(
    config,
    missing,
    import_node_path24.default.join(host.tempDir, "requirements"),
    diskFiles(host.workspace)
  );
  for (const note of request.notes) log.info(note);
  for (const copy of request.copies) {
    (0, import_node_fs22.mkdirSync)(import_node_path24.default.dirname(copy.file), { recursive: true });
    (0, import_node_fs22.writeFileSync)(copy.file, copy.text);
  }
  const installing = pipInstall(host, log, config, python, venv, basePip, [
    ...pipInstallArgs(config, request)
  ]);
  const [{ result, distName }, buildEnv] = await Promise.all([
    installing,
    fingerprint !== void 0 && config.buildIsolation && config.pipArgs.length === 0 ? keepBuildEnv(host, config, python, venv, basePip, installing) : false
  ]);
  const others = Math.max(
    (/Successfully installed (.*)/.exec(result.stdout)?.[1]?.split(" ").length ?? 1) - 1,
    0
  );
  const what = `${distName ?? "the project"}${others ? ` and ${others} other package${others === 1 ? "" : "s"}` : ""}`;
  if (fingerprint !== void 0)
    writeProjectMarker(dir, { fingerprint, distName, venvPip: !probed.includes("pip"), buildEnv });
  return { venv, distName, summary: `${what} into ${dir}` };
}
async function keepBuildEnv(host, config, python, venv, basePip, installing) {
  const target = import_node_path24.default.join(venv.dir, BUILD_ENV);
  const backend = buildBackendOf(config.project.pyproject);
  const command = basePip ? python.executable : venv.python;
  const pip = async (requirements) => {
    const args = ["-m", "pip", "install", "--target", target, "--upgrade", "--", ...requirements];
    const result = await host.runner.run(command, args, { cwd: host.tempDir, env: venv.env });
    if (result.code !== 0)
      throw new Error(
        `exit ${result.code}: ${failureReason(result.output) ?? tail(result.output, 5)}`
      );
  };
  try {
    (0, import_node_fs22.rmSync)(target, { recursive: true, force: true });
    await pip(backend.requires);
    await installing.catch(() => void 0);
    const more = await backendWheelRequires(
      host,
      venv.python,
      venv.env,
      config.workingDirectory,
      backend,
      target
    );
    if (more.length > 0) await pip(more);
    host.log.debug(
      `build environment kept in ${target}: ${[...backend.requires, ...more].join(", ")}`
    );
    return true;
  } catch (error) {
    (0, import_node_fs22.rmSync)(target, { recursive: true, force: true });
    host.log.info(
      `the build backend's requirements could not be kept in the environment (${errorMessage(error)}): a reinstall into it from the cache lets pip build the project`
    );
    return false;
  }
}
async function checkoutFingerprint(host, config) {
  let fromGit2 = "";
  if (!hasStaticVersion(config.project.pyproject)) {
    const described = await host.runner.run(
      "git",
      ["describe", "--tags", "--long", "--always", "--abbrev=40"],
      { cwd: config.workingDirectory, env: host.env }
    );
    if (described.code !== 0) {
      host.log.info(
        `git describe failed (exit ${described.code}) and the version is not in pyproject.toml: a cached environment gets the project reinstalled`
      );
      return void 0;
    }
    fromGit2 = described.stdout.trim();
  }
  const fingerprint = projectFingerprint(config.workingDirectory, fromGit2);
  if ("hash" in fingerprint) return fingerprint.hash;
  host.log.info(`${fingerprint.unknown}: a cached environment gets the project reinstalled`);
  return void 0;
}
async function reinstallProject(host, config, python, dir, basePip, fingerprint) {
  const venv = venvOf(host, dir);
  const recorded = readProjectMarker(dir);
  if (fingerprint !== void 0 && recorded?.fingerprint === fingerprint) {
    const name = recorded.distName ?? "the project";
    host.log.info(
      `the checkout is the one ${name} was installed from into the cached environment (fingerprint ${fingerprint.slice(0, 12)}): not reinstalled`
    );
    return {
      venv,
      distName: recorded.distName ?? config.project.name,
      summary: `${name} unchanged in the cached environment ${dir}`
    };
  }
  host.log.info(
    fingerprint === void 0 ? "the checkout has no fingerprint (see above): reinstalling the project" : recorded ? "the checkout differs from the one the cached environment was made from: reinstalling the project" : "the cached environment does not say what the project was installed from: reinstalling the project"
  );
  const viaBase = basePip && !recorded?.venvPip;
  let installArgs = pipInstallArgs(config, { extras: [], requirementFiles: [], requirements: [] });
  let builtName;
  const buildEnv = import_node_path24.default.join(dir, BUILD_ENV);
  const isolated = config.buildIsolation && recorded?.buildEnv === true && (0, import_node_fs22.existsSync)(buildEnv);
  if (config.pipArgs.length === 0 && (!config.buildIsolation || isolated)) {
    const backend = buildBackendOf(config.project.pyproject);
    host.log.info(
      `building the project's wheel with ${backend.backend} in the cached environment${isolated ? `, isolated (only ${BUILD_ENV} importable)` : ""}`
    );
    try {
      const wheel = await buildWheelInVenv(
        host,
        venv.python,
        venv.env,
        config.workingDirectory,
        backend,
        import_node_path24.default.join(host.tempDir, "reinstall"),
        isolated ? buildEnv : void 0
      );
      installArgs = [wheel];
      builtName = wheelDistName(wheel);
    } catch (error) {
      if (error instanceof WheelBuildError) throw new InstallError(error.message);
      throw error;
    }
  }
  const installed = await pipInstall(host, host.log, config, python, venv, viaBase, [
    "--no-deps",
    "--force-reinstall",
    ...installArgs
  ]);
  const distName = builtName === void 0 ? installed.distName : config.project.name ?? recorded?.distName ?? builtName;
  if (fingerprint !== void 0)
    writeProjectMarker(dir, {
      fingerprint,
      distName,
      venvPip: recorded?.venvPip ?? !viaBase,
      buildEnv: recorded?.buildEnv
    });
  return {
    venv,
    distName,
    summary: `${distName ?? "the project"} reinstalled into the cached environment ${dir}`
  };
}
async function pipInstall(host, log, config, python, venv, basePip, installArgs) {
  const reportFile = import_node_path24.default.join(host.tempDir, "pip-report.json");
  (0, import_node_fs22.rmSync)(reportFile, { force: true });
  const command = basePip ? python.executable : venv.python;
  const args = [
    ...basePip ? ["-m", "pip", "--python", venv.python] : ["-m", "pip"],
    "install",
    ...basePip ? ["--report", reportFile] : [],
    ...installArgs
  ];
  log.info(`$ ${formatCommand(command, args)}`);
  const result = await host.runner.run(command, args, {
    cwd: config.workingDirectory,
    env: venv.env,
    onOutput: (c) => log.debug(c.trimEnd())
  });
  if (result.code !== 0) {
    const reason = failureReason(result.output);
    throw new InstallError(
      `pip install failed (exit ${result.code})${reason ? `: ${reason}` : ""}
${tail(result.output, 40)}`
    );
  }
  log.info(tail(result.stdout, 3));
  const fromReport = basePip ? distNameFromReport(reportFile, config.workingDirectory) : void 0;
  return { result, distName: fromReport ?? config.project.name };
}

// src/install/stage.ts
function installStage(host, config, python, cached) {
  return {
    name: "install",
    title: "Install the project",
    run: () => installProject(host, config, python, {
      reuseVenv: cached?.venvRestored,
      fingerprint: cached !== void 0 && !cached.broken
    }),
    describe: (i) => ({ ok: true, summary: i.summary })
  };
}

// src/lint/lint.ts
var FLAKE8_EXCLUDE = [
  "build",
  "dist",
  ".venv",
  "venv",
  ".tox",
  ".nox",
  "*.egg-info",
  ".eggs"
];
var PROBE3 = [
  "import importlib.util, importlib.metadata",
  "if importlib.util.find_spec('flake8'):",
  "    print('flake8', importlib.metadata.version('flake8'))",
  "    try:",
  "        from flake8.options.config import load_config",
  "        from flake8.utils import normalize_paths, parse_comma_separated_list",
  "        cfg, cfg_dir = load_config(None, [])",
  "        key = next((k for k in ('extend-exclude', 'extend_exclude') if cfg.has_option('flake8', k)), None)",
  "        if key:",
  "            for p in normalize_paths(parse_comma_separated_list(cfg.get('flake8', key)), cfg_dir):",
  "                print('extend-exclude', p)",
  "    except Exception as error:",
  "        print('config unread', type(error).__name__, error)"
].join("\n");
function parseProbe(stdout) {
  const m = /^flake8 (\S+)\s*$/m.exec(stdout);
  return m?.[1] === void 0 ? void 0 : { tool: "flake8", version: m[1] };
}
function flake8Args(probeStdout) {
  const own = [...probeStdout.matchAll(/^extend-exclude (.+)$/gm)].map((m) => m[1]?.trim() ?? "");
  const exclude = [...own.filter((p) => p !== ""), ...FLAKE8_EXCLUDE];
  return ["-m", "flake8", "--count", "--exit-zero", `--extend-exclude=${exclude.join(",")}`, "."];
}
function parseFlake8Count(stdout) {
  const lines = stdout.trimEnd().split(/\r?\n/);
  const last = lines[lines.length - 1]?.trim() ?? "";
  return /^\d+$/.test(last) ? Number(last) : void 0;
}
async function runLint(runner, venv, cwd) {
  const log = new BufferedLog();
  try {
    const probe2 = await runner.run(venv.python, ["-c", PROBE3], { cwd, env: venv.env });
    const found = probe2.code === 0 ? parseProbe(probe2.stdout) : void 0;
    if (found === void 0) {
      log.debug("no flake8 in the environment: no code-quality line");
      return { log };
    }
    const unread = /^config unread (.*)$/m.exec(probe2.stdout)?.[1];
    if (unread !== void 0)
      log.debug(
        `flake8 ${found.version}'s configuration could not be read ahead (${unread}): its extend-exclude, if any, gives way to ${FLAKE8_EXCLUDE.join(",")}`
      );
    const args = flake8Args(probe2.stdout);
    const run = await runner.run(venv.python, args, { cwd, env: venv.env });
    const problems = run.code === 0 ? parseFlake8Count(run.stdout) : void 0;
    if (problems === void 0) {
      log.warning(
        `flake8 ${found.version} could not check the project (exit ${run.code}); no code-quality line:
${tail(run.output, 20)}`
      );
      return { log };
    }
    return { result: { ...found, problems }, log };
  } catch (error) {
    log.warning(`flake8 could not be run: ${errorMessage(error)}; no code-quality line`);
    return { log };
  }
}

// src/publish/pep440.ts
var VERSION_PATTERN = new RegExp(
  "^v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)(?<pre>[-_.]?(?<pre_l>alpha|beta|preview|pre|a|b|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?(?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$",
  "i"
);
var PRE_LABELS = {
  a: "a",
  alpha: "a",
  b: "b",
  beta: "b",
  c: "rc",
  rc: "rc",
  pre: "rc",
  preview: "rc"
};
function parsePep4402(text5) {
  const groups = VERSION_PATTERN.exec(text5.trim())?.groups;
  if (groups === void 0) return void 0;
  const int = (s) => s === void 0 ? 0 : Number.parseInt(s, 10);
  const release3 = (groups.release ?? "0").split(".").map((part) => Number.parseInt(part, 10));
  const preLabel = groups.pre_l ? PRE_LABELS[groups.pre_l.toLowerCase()] : void 0;
  return {
    epoch: int(groups.epoch),
    release: release3,
    ...preLabel && { pre: { label: preLabel, number: int(groups.pre_n) } },
    ...groups.post !== void 0 && { post: int(groups.post_n1 ?? groups.post_n2) },
    ...groups.dev !== void 0 && { dev: int(groups.dev_n) },
    ...groups.local !== void 0 && { local: groups.local.toLowerCase().replace(/[-_]/g, ".") }
  };
}
function formatPep440(version2) {
  let text5 = version2.epoch === 0 ? "" : `${version2.epoch}!`;
  text5 += version2.release.join(".");
  if (version2.pre) text5 += `${version2.pre.label}${version2.pre.number}`;
  if (version2.post !== void 0) text5 += `.post${version2.post}`;
  if (version2.dev !== void 0) text5 += `.dev${version2.dev}`;
  if (version2.local !== void 0) text5 += `+${version2.local}`;
  return text5;
}
function releaseKey(release3) {
  const parts = [...release3];
  while (parts.length > 1 && parts.at(-1) === 0) parts.pop();
  return parts.join(".");
}
function samePep440(a, b) {
  const key = (v) => formatPep440({ ...v, release: releaseKey(v.release).split(".").map(Number) });
  return key(a) === key(b);
}

// src/publish/decide.ts
function releaseTag(event) {
  if (event.name.startsWith("pull_request")) {
    return { not: `a ${event.name} event never publishes; release from a tag push` };
  }
  if (event.fork) {
    return {
      not: `${event.repositoryName || "this repository"} is a fork; publishing runs from the original repository only`
    };
  }
  if (event.name === "release") {
    if (event.release?.action !== "published") {
      return {
        not: `a release event with action ${event.release?.action ?? "(none)"} does not publish; only "published" does`
      };
    }
    const tag = event.release?.tag ?? event.ref.replace(/^refs\/tags\//, "");
    return tag ? { tag } : { not: "the release event names no tag" };
  }
  if (event.name === "push" && event.ref.startsWith("refs/tags/")) {
    return { tag: event.ref.slice("refs/tags/".length) };
  }
  const what = event.name === "push" ? `a push to ${event.ref}` : `a ${event.name} event`;
  return { not: `${what} is not a tag push or a published release` };
}
function testReasons(test, said) {
  if (test === void 0)
    return ["the tests did not run in this run (test: false, or the install failed)"];
  if (test.ok || said) return [];
  const r = test.results;
  if (r === void 0)
    return [`the tests did not pass: ${test.stopped ?? `pytest exited ${test.exitCode}`}`];
  return [`the tests did not pass: ${r.failed} failed, ${r.errors} errors in ${r.tests} tests`];
}
function buildReasons(build2, said) {
  if (build2 === void 0)
    return ["nothing was built in this run (build: false, or the install failed)"];
  if (said) return [];
  if (build2.error !== void 0) return [`the build failed: ${build2.error.split("\n")[0] ?? ""}`];
  const reasons = build2.problems.map((p) => `the built files are not releasable: ${p}`);
  if (!build2.ok && reasons.length === 0) reasons.push("the build failed");
  return reasons;
}
function versionReasons(tag, pattern, builtVersion) {
  if (builtVersion === void 0 || builtVersion === "") return { reasons: [] };
  const reasons = [];
  const built = parsePep4402(builtVersion);
  if (built === void 0) {
    reasons.push(`the built version ${builtVersion} is not a PEP 440 version, which PyPI refuses`);
  } else if (built.local !== void 0) {
    reasons.push(
      `the built version ${builtVersion} has a local part (+${built.local}), which PyPI refuses; build from the tag itself`
    );
  }
  const tagText = tag.slice(pattern.prefix.length);
  const fromTag = parsePep4402(tagText);
  if (fromTag === void 0) {
    reasons.push(
      `tag ${tag} gives version "${tagText}" (the tag minus tag-pattern's prefix "${pattern.prefix}"), which is not a PEP 440 version`
    );
  } else if (built !== void 0 && !samePep440(fromTag, built)) {
    reasons.push(
      `tag ${tag} is version ${formatPep440(fromTag)}, but the built version is ${formatPep440(built)}; tag the commit whose version matches, or fix the version`
    );
  }
  return { reasons, version: builtVersion };
}
function decideReleaseEvent(inputs) {
  if (inputs.mode === "false") return { kind: "skip", reason: "publish: false" };
  const found = releaseTag(inputs.event);
  if ("not" in found) {
    return inputs.mode === "auto" ? { kind: "skip", reason: `${found.not} (publish: auto)` } : { kind: "refuse", reasons: [`publish: true, but ${found.not}`] };
  }
  if (!inputs.tagPattern.regex.test(found.tag)) {
    const why = `tag ${found.tag} does not match tag-pattern ${inputs.tagPattern.text}`;
    return inputs.mode === "auto" ? { kind: "skip", reason: `${why} (publish: auto)` } : { kind: "refuse", reasons: [`publish: true, but ${why}`] };
  }
  return { kind: "tag", tag: found.tag };
}
function releaseVersionReasons(tag, pattern, builtVersion) {
  return versionReasons(tag, pattern, builtVersion).reasons;
}
function decidePublish(inputs) {
  const found = decideReleaseEvent(inputs);
  if (found.kind !== "tag") return found;
  const tag = found.tag;
  const dist = inputs.build?.sdist ?? inputs.build?.wheel;
  const version2 = versionReasons(tag, inputs.tagPattern, dist?.version);
  const failing = inputs.failing ?? [];
  const said = failing.length > 0;
  const reasons = [
    ...failing,
    ...testReasons(inputs.test, said),
    ...buildReasons(inputs.build, said),
    ...version2.reasons
  ];
  if (reasons.length > 0) return { kind: "refuse", reasons };
  const files = [inputs.build?.sdist, inputs.build?.wheel].filter((d) => d !== void 0);
  return { kind: "publish", tag, version: version2.version ?? "", files };
}

// src/publish/trusted-publishing.ts
var TrustedPublishingError = class extends Error {
  name = "TrustedPublishingError";
  /** Lines that explain the failure further: the claims, what to check. */
  details;
  constructor(message, details = []) {
    super(message);
    this.details = details;
  }
};
function indexOrigin(repositoryUrl2) {
  return new URL(repositoryUrl2).origin;
}
function publisherClaims(jwt) {
  const payload = jwt.split(".")[1];
  if (payload === void 0) return {};
  let claims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return {};
  }
  const shown = {};
  for (const name of [
    "sub",
    "repository",
    "repository_owner",
    "repository_owner_id",
    "workflow_ref",
    "job_workflow_ref",
    "ref",
    "environment"
  ]) {
    const value2 = claims[name];
    if (typeof value2 === "string" || typeof value2 === "number") shown[name] = String(value2);
  }
  return shown;
}
function explainMintFailure(status, body, claims) {
  let errors = [];
  try {
    const parsed = JSON.parse(body);
    if (Array.isArray(parsed.errors)) errors = parsed.errors;
  } catch {
  }
  const listed = errors.map((e) => `${String(e.code ?? "error")}: ${String(e.description ?? "")}`.trim()).join("; ");
  const checked = [
    `repository ${claims.repository ?? "(unknown)"}`,
    `workflow ${claims.job_workflow_ref ?? claims.workflow_ref ?? "(unknown)"}`,
    `environment ${claims.environment ?? "(none)"}`
  ].join(", ");
  const message = `Trusted Publishing failed: the index refused the token exchange (HTTP ${status}${listed ? `: ${listed}` : ""}); a trusted publisher on the index must match ${checked}`;
  const details = [
    "The index checks these claims of the OIDC token against the trusted publishers configured for the project:",
    ...Object.entries(claims).map(([name, value2]) => `  ${name}: ${value2}`),
    "This generally means the trusted publisher is not configured, or names another repository, workflow file or environment.",
    "Reusable workflows are matched by the calling workflow; the environment must be the one the job runs in."
  ];
  return new TrustedPublishingError(message, details);
}
async function readJson(client, method, url, body) {
  const response = method === "GET" ? await client.get(url, { accept: "application/json" }) : await client.post(url, body ?? "", {
    accept: "application/json",
    "content-type": "application/json"
  });
  return { status: response.message.statusCode ?? 0, body: await response.readBody() };
}
var MISSING_PERMISSION = 'Trusted Publishing needs an OIDC token, but this job cannot get one (ACTIONS_ID_TOKEN_REQUEST_URL is not set): give the publishing job "permissions: id-token: write", or pass pypi-token';
async function mintToken(repositoryUrl2, services, client = new HttpClient("python-ci-action")) {
  if (!services.env.ACTIONS_ID_TOKEN_REQUEST_URL) {
    throw new TrustedPublishingError(MISSING_PERMISSION, [
      "Pull requests from forks never get id-token: write; publishing runs on tag pushes of the repository itself."
    ]);
  }
  const origin = indexOrigin(repositoryUrl2);
  let audience;
  try {
    const response2 = await readJson(client, "GET", `${origin}/_/oidc/audience`);
    if (response2.status !== 200) {
      throw new TrustedPublishingError(
        `Trusted Publishing is not available at ${origin} (GET /_/oidc/audience answered HTTP ${response2.status}${messageOf(response2.body)}); pass pypi-token for this index`
      );
    }
    const parsed = JSON.parse(response2.body);
    if (typeof parsed.audience !== "string" || parsed.audience === "") {
      throw new TrustedPublishingError(
        `Trusted Publishing: ${origin}/_/oidc/audience gave no audience; pass pypi-token for this index`
      );
    }
    audience = parsed.audience;
  } catch (error) {
    throw asPublishingError(error, `asking ${origin}/_/oidc/audience`);
  }
  let oidc;
  try {
    oidc = await services.getIdToken(audience);
  } catch (error) {
    throw new TrustedPublishingError(
      `Trusted Publishing: GitHub gave no OIDC token for audience ${audience} (${errorMessage(error)}); the job needs "permissions: id-token: write"`
    );
  }
  services.mask(oidc);
  const claims = publisherClaims(oidc);
  let response;
  try {
    response = await readJson(
      client,
      "POST",
      `${origin}/_/oidc/mint-token`,
      JSON.stringify({ token: oidc })
    );
  } catch (error) {
    throw asPublishingError(error, `posting to ${origin}/_/oidc/mint-token`);
  }
  if (response.status !== 200) throw explainMintFailure(response.status, response.body, claims);
  let token;
  try {
    token = JSON.parse(response.body).token;
  } catch {
    token = void 0;
  }
  if (typeof token !== "string" || token === "") {
    throw new TrustedPublishingError(
      `Trusted Publishing: ${origin}/_/oidc/mint-token answered 200 without a token`
    );
  }
  services.mask(token);
  return token;
}
function messageOf(body) {
  try {
    const message = JSON.parse(body).message;
    return typeof message === "string" ? `: ${message}` : "";
  } catch {
    return "";
  }
}
function asPublishingError(error, doing) {
  if (error instanceof TrustedPublishingError) return error;
  const reason = errorMessage(error);
  return new TrustedPublishingError(`Trusted Publishing failed while ${doing}: ${reason}`);
}

// src/publish/upload.ts
var import_node_path25 = __toESM(require_node_path(), 1);
var DEFAULT_WAITS_MS = [2e3, 6e3];
function twineFailure(output) {
  const text5 = stripColour(output);
  const http = /HTTPError: (\d{3}) (.*?) from (\S+)[ \t]*\n/.exec(text5);
  if (http) {
    const [whole, status = "", phrase = ""] = http;
    const after = text5.slice(http.index + whole.length).split("\n");
    const end = after.findIndex((l) => /^\s*(INFO|WARNING|ERROR|DEBUG)\b/.test(l));
    const reason = (end === -1 ? after : after.slice(0, end)).join(" ").replace(/\s+/g, " ").trim();
    const detail = reason && reason !== phrase.trim() ? `: ${reason}` : "";
    return {
      message: `the index answered ${status} ${phrase.trim()}${detail}`,
      retryable: status.startsWith("5")
    };
  }
  if (/ConnectionError|Max retries exceeded|Connection (refused|reset|aborted)|RemoteDisconnected/.test(
    text5
  )) {
    const line = text5.split("\n").find((l) => /Error/.test(l)) ?? "connection error";
    return { message: `the index could not be reached: ${line.trim()}`, retryable: true };
  }
  const lines = text5.trim().split("\n");
  const error = lines.findLast((l) => /^\s*(ERROR|\w+(Error|Exception|Detected)):?/.test(l));
  return { message: (error ?? lines.at(-1) ?? "twine failed").trim(), retryable: false };
}
function projectUrl(repositoryUrl2, name, version2) {
  const url = new URL(repositoryUrl2);
  const host = url.hostname === "upload.pypi.org" ? "https://pypi.org" : url.hostname === "test.pypi.org" ? "https://test.pypi.org" : url.origin;
  return `${host}/project/${name}/${version2}/`;
}
function twineEnv(venv, credentials, repositoryUrl2) {
  return {
    ...plainOutput(venv),
    TWINE_USERNAME: credentials.username,
    TWINE_PASSWORD: credentials.password,
    TWINE_REPOSITORY_URL: repositoryUrl2,
    TWINE_NON_INTERACTIVE: "1"
  };
}
var sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function uploadFiles(host, log, venv, files, credentials, options) {
  const waits = options.retryWaitsMs ?? DEFAULT_WAITS_MS;
  const env = twineEnv(venv, credentials, options.repositoryUrl);
  const results2 = [];
  for (const file of files) {
    const args = ["-m", "twine", "upload", "--non-interactive", "--disable-progress-bar", file.path];
    let attempts = 0;
    let outcome;
    const [changed] = changedSinceBuild([file]);
    if (changed !== void 0) {
      const base = { fileName: file.fileName, size: file.size, sha256: file.sha256, attempts };
      results2.push({ ...base, outcome: "failed", message: `${changed}; it was not uploaded` });
      break;
    }
    while (outcome === void 0) {
      attempts += 1;
      log.info(`$ python ${args.join(" ")}  (attempt ${attempts} of ${waits.length + 1})`);
      const result = await host.runner.run(venv.python, args, {
        cwd: import_node_path25.default.dirname(file.path),
        env
      });
      log.info(result.output.trimEnd());
      const base = { fileName: file.fileName, size: file.size, sha256: file.sha256, attempts };
      if (result.code === 0) {
        outcome = { ...base, outcome: "uploaded" };
        break;
      }
      const failure = twineFailure(result.output);
      if (options.skipExisting && /\b400\b.*File already exists/i.test(failure.message)) {
        outcome = { ...base, outcome: "skipped" };
        break;
      }
      const wait = waits[attempts - 1];
      if (!failure.retryable || wait === void 0) {
        outcome = { ...base, outcome: "failed", message: failure.message };
        break;
      }
      log.warning(
        `uploading ${file.fileName} failed (${failure.message}); trying again in ${(wait / 1e3).toFixed(1)}s`
      );
      await sleep(wait);
    }
    results2.push(outcome);
    if (outcome.outcome === "failed") break;
  }
  return results2;
}

// src/publish/publish.ts
async function publishDists(host, log, settings, request) {
  const base = {
    repositoryUrl: settings.repositoryUrl,
    tag: request.tag,
    files: [],
    details: []
  };
  const refused = (reason, details = []) => ({
    ...base,
    status: "refused",
    reasons: [reason],
    details
  });
  const changed = changedSinceBuild(request.files);
  if (changed.length > 0) return refused(`${changed.join("; ")}; nothing was uploaded`);
  if (settings.verifyMetadata) {
    const problems = await checkMetadata(host, log, request.tools, request.files);
    if (problems !== void 0) {
      return refused(`the metadata check (twine check --strict) failed: ${problems}`);
    }
  } else log.info("verify-metadata: false, so twine check --strict is not run");
  let password;
  let credential;
  if (settings.token !== void 0) {
    password = settings.token;
    credential = "pypi-token";
  } else {
    log.info(`No pypi-token: Trusted Publishing with ${new URL(settings.repositoryUrl).origin}`);
    try {
      password = await mintToken(settings.repositoryUrl, request.services);
    } catch (error) {
      if (error instanceof TrustedPublishingError) {
        for (const line of error.details) log.info(line);
        return refused(error.message, error.details);
      }
      throw error;
    }
    credential = "Trusted Publishing";
  }
  log.info(`Uploading to ${settings.repositoryUrl} with ${credential}`);
  const files = await uploadFiles(
    host,
    log,
    request.tools,
    request.files,
    { username: "__token__", password },
    {
      repositoryUrl: settings.repositoryUrl,
      skipExisting: settings.skipExisting,
      retryWaitsMs: request.retryWaitsMs
    }
  );
  const dist = request.files[0];
  const url = dist && projectUrl(settings.repositoryUrl, dist.name, dist.version);
  for (const f of files) {
    log.info(`${f.outcome} ${f.fileName} (${formatSize(f.size)}) sha256 ${f.sha256}`);
  }
  const failed2 = files.find((f) => f.outcome === "failed");
  if (failed2) {
    return {
      ...base,
      credential,
      projectUrl: url,
      files,
      status: "failed",
      reasons: [`uploading ${failed2.fileName} failed: ${failed2.message ?? "twine failed"}`]
    };
  }
  if (url) log.info(`Project: ${url}`);
  return { ...base, credential, projectUrl: url, files, status: "published", reasons: [] };
}
function describePublish(result) {
  if (result.status === "published") {
    const uploaded = result.files.filter((f) => f.outcome === "uploaded").map((f) => f.fileName);
    const skipped = result.files.filter((f) => f.outcome === "skipped").map((f) => f.fileName);
    const parts = [];
    if (uploaded.length > 0) parts.push(`uploaded ${uploaded.join(", ")}`);
    if (skipped.length > 0) parts.push(`skipped (already on the index) ${skipped.join(", ")}`);
    return { ok: true, summary: `${parts.join("; ")} with ${result.credential}` };
  }
  const first = result.reasons[0] ?? result.status;
  return { ok: result.status === "skipped", summary: `${result.status}: ${first}` };
}

// src/publish/stage.ts
async function publishStage(host, config, event, services, ran) {
  const notPublished = (status, reasons) => ({
    status,
    reasons,
    details: [],
    files: [],
    repositoryUrl: config.publish.repositoryUrl
  });
  const decision = decidePublish({
    event,
    mode: config.publish.mode,
    tagPattern: config.publish.tagPattern,
    // A stage turned off says nothing about the release.
    build: config.build ? ran.build : void 0,
    test: config.test ? ran.test : void 0,
    failing: ran.failing
  });
  let skip;
  if (config.publish.mode === "false") skip = "publish: false";
  else if (!host.onActions || services === void 0) skip = "publishing runs on GitHub only";
  else if (decision.kind === "skip") skip = decision.reason;
  if (skip !== void 0 || services === void 0 || decision.kind === "skip") {
    const why = skip ?? "publishing runs on GitHub only";
    return { result: notPublished("skipped", [why]), stage: skipStage(host.log, "publish", why) };
  }
  if (decision.kind === "refuse") {
    const summary2 = `refused: ${decision.reasons[0] ?? ""}`;
    return {
      result: notPublished("refused", decision.reasons),
      stage: refuseStage(host.log, "publish", summary2)
    };
  }
  const tools = ran.tools;
  const outcome = await runStage(host.log, {
    name: "publish",
    title: `Publish ${decision.tag} to ${config.publish.repositoryUrl}`,
    run: (log) => {
      if (tools === void 0) throw new Error("no tools environment to run twine in");
      return publishDists(host, log, config.publish, { ...decision, tools, services });
    },
    describe: describePublish
  });
  const result = outcome.value ?? {
    ...notPublished("refused", [outcome.stage.summary]),
    status: "failed"
  };
  return { result, stage: outcome.stage };
}

// src/python/setup.ts
var import_node_fs23 = __toESM(require_node_fs(), 1);
var import_node_path26 = __toESM(require_node_path(), 1);

// node_modules/@actions/tool-cache/lib/tool-cache.js
var crypto = __toESM(require_crypto(), 1);
var fs2 = __toESM(require_fs(), 1);

// node_modules/@actions/tool-cache/lib/manifest.js
var semver3 = __toESM(require_semver(), 1);
var os = __toESM(require_os(), 1);
var cp = __toESM(require_child_process(), 1);
var fs = __toESM(require_fs(), 1);

// node_modules/@actions/tool-cache/lib/tool-cache.js
var os2 = __toESM(require_os(), 1);
var path26 = __toESM(require_path(), 1);
var semver4 = __toESM(require_semver(), 1);
var stream = __toESM(require_stream(), 1);
var util = __toESM(require_util(), 1);
var import_assert = __toESM(require_assert(), 1);

// node_modules/@actions/tool-cache/lib/retry-helper.js
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value2) {
    return value2 instanceof P ? value2 : new P(function(resolve) {
      resolve(value2);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value2) {
      try {
        step(generator.next(value2));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value2) {
      try {
        step(generator["throw"](value2));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var RetryHelper = class {
  constructor(maxAttempts, minSeconds, maxSeconds) {
    if (maxAttempts < 1) {
      throw new Error("max attempts should be greater than or equal to 1");
    }
    this.maxAttempts = maxAttempts;
    this.minSeconds = Math.floor(minSeconds);
    this.maxSeconds = Math.floor(maxSeconds);
    if (this.minSeconds > this.maxSeconds) {
      throw new Error("min seconds should be less than or equal to max seconds");
    }
  }
  execute(action, isRetryable) {
    return __awaiter(this, void 0, void 0, function* () {
      let attempt = 1;
      while (attempt < this.maxAttempts) {
        try {
          return yield action();
        } catch (err) {
          if (isRetryable && !isRetryable(err)) {
            throw err;
          }
          info(err.message);
        }
        const seconds2 = this.getSleepAmount();
        info(`Waiting ${seconds2} seconds before trying again`);
        yield this.sleep(seconds2);
        attempt++;
      }
      return yield action();
    });
  }
  getSleepAmount() {
    return Math.floor(Math.random() * (this.maxSeconds - this.minSeconds + 1)) + this.minSeconds;
  }
  sleep(seconds2) {
    return __awaiter(this, void 0, void 0, function* () {
      return new Promise((resolve) => setTimeout(resolve, seconds2 * 1e3));
    });
  }
};

// node_modules/@actions/tool-cache/lib/tool-cache.js
var __awaiter2 = function(thisArg, _arguments, P, generator) {
  function adopt(value2) {
    return value2 instanceof P ? value2 : new P(function(resolve) {
      resolve(value2);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value2) {
      try {
        step(generator.next(value2));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value2) {
      try {
        step(generator["throw"](value2));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var HTTPError = class extends Error {
  constructor(httpStatusCode) {
    super(`Unexpected HTTP response: ${httpStatusCode}`);
    this.httpStatusCode = httpStatusCode;
    Object.setPrototypeOf(this, new.target.prototype);
  }
};
var IS_WINDOWS = process.platform === "win32";
var IS_MAC = process.platform === "darwin";
var userAgent = "actions/tool-cache";
function downloadTool(url, dest, auth, headers) {
  return __awaiter2(this, void 0, void 0, function* () {
    dest = dest || path26.join(_getTempDirectory(), crypto.randomUUID());
    yield mkdirP(path26.dirname(dest));
    debug(`Downloading ${url}`);
    debug(`Destination ${dest}`);
    const maxAttempts = 3;
    const minSeconds = _getGlobal("TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS", 10);
    const maxSeconds = _getGlobal("TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS", 20);
    const retryHelper = new RetryHelper(maxAttempts, minSeconds, maxSeconds);
    return yield retryHelper.execute(() => __awaiter2(this, void 0, void 0, function* () {
      return yield downloadToolAttempt(url, dest || "", auth, headers);
    }), (err) => {
      if (err instanceof HTTPError && err.httpStatusCode) {
        if (err.httpStatusCode < 500 && err.httpStatusCode !== 408 && err.httpStatusCode !== 429) {
          return false;
        }
      }
      return true;
    });
  });
}
function downloadToolAttempt(url, dest, auth, headers) {
  return __awaiter2(this, void 0, void 0, function* () {
    if (fs2.existsSync(dest)) {
      throw new Error(`Destination file path ${dest} already exists`);
    }
    const http = new HttpClient(userAgent, [], {
      allowRetries: false
    });
    if (auth) {
      debug("set auth");
      if (headers === void 0) {
        headers = {};
      }
      headers.authorization = auth;
    }
    const response = yield http.get(url, headers);
    if (response.message.statusCode !== 200) {
      const err = new HTTPError(response.message.statusCode);
      debug(`Failed to download from "${url}". Code(${response.message.statusCode}) Message(${response.message.statusMessage})`);
      throw err;
    }
    const pipeline2 = util.promisify(stream.pipeline);
    const responseMessageFactory = _getGlobal("TEST_DOWNLOAD_TOOL_RESPONSE_MESSAGE_FACTORY", () => response.message);
    const readStream = responseMessageFactory();
    let succeeded = false;
    try {
      yield pipeline2(readStream, fs2.createWriteStream(dest));
      debug("download complete");
      succeeded = true;
      return dest;
    } finally {
      if (!succeeded) {
        debug("download failed");
        try {
          yield rmRF(dest);
        } catch (err) {
          debug(`Failed to delete '${dest}'. ${err.message}`);
        }
      }
    }
  });
}
function extractTar(file_1, dest_1) {
  return __awaiter2(this, arguments, void 0, function* (file, dest, flags = "xz") {
    if (!file) {
      throw new Error("parameter 'file' is required");
    }
    dest = yield _createExtractFolder(dest);
    debug("Checking tar --version");
    let versionOutput = "";
    yield exec("tar --version", [], {
      ignoreReturnCode: true,
      silent: true,
      listeners: {
        stdout: (data) => versionOutput += data.toString(),
        stderr: (data) => versionOutput += data.toString()
      }
    });
    debug(versionOutput.trim());
    const isGnuTar = versionOutput.toUpperCase().includes("GNU TAR");
    let args;
    if (flags instanceof Array) {
      args = flags;
    } else {
      args = [flags];
    }
    if (isDebug() && !flags.includes("v")) {
      args.push("-v");
    }
    let destArg = dest;
    let fileArg = file;
    if (IS_WINDOWS && isGnuTar) {
      args.push("--force-local");
      destArg = dest.replace(/\\/g, "/");
      fileArg = file.replace(/\\/g, "/");
    }
    if (isGnuTar) {
      args.push("--warning=no-unknown-keyword");
      args.push("--overwrite");
    }
    args.push("-C", destArg, "-f", fileArg);
    yield exec(`tar`, args);
    return dest;
  });
}
function extractZip(file, dest) {
  return __awaiter2(this, void 0, void 0, function* () {
    if (!file) {
      throw new Error("parameter 'file' is required");
    }
    dest = yield _createExtractFolder(dest);
    if (IS_WINDOWS) {
      yield extractZipWin(file, dest);
    } else {
      yield extractZipNix(file, dest);
    }
    return dest;
  });
}
function extractZipWin(file, dest) {
  return __awaiter2(this, void 0, void 0, function* () {
    const escapedFile = file.replace(/'/g, "''").replace(/"|\n|\r/g, "");
    const escapedDest = dest.replace(/'/g, "''").replace(/"|\n|\r/g, "");
    const pwshPath = yield which("pwsh", false);
    if (pwshPath) {
      const pwshCommand = [
        `$ErrorActionPreference = 'Stop' ;`,
        `try { Add-Type -AssemblyName System.IO.Compression.ZipFile } catch { } ;`,
        `try { [System.IO.Compression.ZipFile]::ExtractToDirectory('${escapedFile}', '${escapedDest}', $true) }`,
        `catch { if (($_.Exception.GetType().FullName -eq 'System.Management.Automation.MethodException') -or ($_.Exception.GetType().FullName -eq 'System.Management.Automation.RuntimeException') ){ Expand-Archive -LiteralPath '${escapedFile}' -DestinationPath '${escapedDest}' -Force } else { throw $_ } } ;`
      ].join(" ");
      const args = [
        "-NoLogo",
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Unrestricted",
        "-Command",
        pwshCommand
      ];
      debug(`Using pwsh at path: ${pwshPath}`);
      yield exec(`"${pwshPath}"`, args);
    } else {
      const powershellCommand = [
        `$ErrorActionPreference = 'Stop' ;`,
        `try { Add-Type -AssemblyName System.IO.Compression.FileSystem } catch { } ;`,
        `if ((Get-Command -Name Expand-Archive -Module Microsoft.PowerShell.Archive -ErrorAction Ignore)) { Expand-Archive -LiteralPath '${escapedFile}' -DestinationPath '${escapedDest}' -Force }`,
        `else {[System.IO.Compression.ZipFile]::ExtractToDirectory('${escapedFile}', '${escapedDest}', $true) }`
      ].join(" ");
      const args = [
        "-NoLogo",
        "-Sta",
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Unrestricted",
        "-Command",
        powershellCommand
      ];
      const powershellPath = yield which("powershell", true);
      debug(`Using powershell at path: ${powershellPath}`);
      yield exec(`"${powershellPath}"`, args);
    }
  });
}
function extractZipNix(file, dest) {
  return __awaiter2(this, void 0, void 0, function* () {
    const unzipPath = yield which("unzip", true);
    const args = [file];
    if (!isDebug()) {
      args.unshift("-q");
    }
    args.unshift("-o");
    yield exec(`"${unzipPath}"`, args, { cwd: dest });
  });
}
function find(toolName, versionSpec2, arch2) {
  if (!toolName) {
    throw new Error("toolName parameter is required");
  }
  if (!versionSpec2) {
    throw new Error("versionSpec parameter is required");
  }
  arch2 = arch2 || os2.arch();
  if (!isExplicitVersion(versionSpec2)) {
    const localVersions = findAllVersions(toolName, arch2);
    const match = evaluateVersions(localVersions, versionSpec2);
    versionSpec2 = match;
  }
  let toolPath = "";
  if (versionSpec2) {
    versionSpec2 = semver4.clean(versionSpec2) || "";
    const cachePath = path26.join(_getCacheDirectory(), toolName, versionSpec2, arch2);
    debug(`checking cache: ${cachePath}`);
    if (fs2.existsSync(cachePath) && fs2.existsSync(`${cachePath}.complete`)) {
      debug(`Found tool in cache ${toolName} ${versionSpec2} ${arch2}`);
      toolPath = cachePath;
    } else {
      debug("not found");
    }
  }
  return toolPath;
}
function findAllVersions(toolName, arch2) {
  const versions = [];
  arch2 = arch2 || os2.arch();
  const toolPath = path26.join(_getCacheDirectory(), toolName);
  if (fs2.existsSync(toolPath)) {
    const children = fs2.readdirSync(toolPath);
    for (const child of children) {
      if (isExplicitVersion(child)) {
        const fullPath = path26.join(toolPath, child, arch2 || "");
        if (fs2.existsSync(fullPath) && fs2.existsSync(`${fullPath}.complete`)) {
          versions.push(child);
        }
      }
    }
  }
  return versions;
}
function _createExtractFolder(dest) {
  return __awaiter2(this, void 0, void 0, function* () {
    if (!dest) {
      dest = path26.join(_getTempDirectory(), crypto.randomUUID());
    }
    yield mkdirP(dest);
    return dest;
  });
}
function isExplicitVersion(versionSpec2) {
  const c = semver4.clean(versionSpec2) || "";
  debug(`isExplicit: ${c}`);
  const valid2 = semver4.valid(c) != null;
  debug(`explicit? ${valid2}`);
  return valid2;
}
function evaluateVersions(versions, versionSpec2) {
  let version2 = "";
  debug(`evaluating ${versions.length} versions`);
  versions = versions.sort((a, b) => {
    if (semver4.gt(a, b)) {
      return 1;
    }
    return -1;
  });
  for (let i = versions.length - 1; i >= 0; i--) {
    const potential = versions[i];
    const satisfied = semver4.satisfies(potential, versionSpec2);
    if (satisfied) {
      version2 = potential;
      break;
    }
  }
  if (version2) {
    debug(`matched: ${version2}`);
  } else {
    debug("match not found");
  }
  return version2;
}
function _getCacheDirectory() {
  const cacheDirectory = process.env["RUNNER_TOOL_CACHE"] || "";
  (0, import_assert.ok)(cacheDirectory, "Expected RUNNER_TOOL_CACHE to be defined");
  return cacheDirectory;
}
function _getTempDirectory() {
  const tempDirectory = process.env["RUNNER_TEMP"] || "";
  (0, import_assert.ok)(tempDirectory, "Expected RUNNER_TEMP to be defined");
  return tempDirectory;
}
function _getGlobal(key, defaultValue) {
  const value2 = global[key];
  return value2 !== void 0 ? value2 : defaultValue;
}

// src/python/manifest.ts
var ManifestError2 = class extends Error {
  name = "ManifestError";
};
function parseManifest2(text5, url) {
  let data;
  try {
    data = JSON.parse(text5);
  } catch {
    throw new ManifestError2(`the Python versions manifest at ${url} is not JSON`);
  }
  if (!Array.isArray(data))
    throw new ManifestError2(`the Python versions manifest at ${url} is not a list of releases`);
  return data.filter(
    (r) => r !== null && typeof r === "object" && typeof r.version === "string" && Array.isArray(r.files)
  );
}
function chooseRelease(releases, spec, target) {
  const fileFor = (r) => r.files.find(
    (f) => f.arch === target.arch && f.platform === target.platform && (f.platform_version === void 0 || f.platform_version === target.osVersion)
  );
  const candidates = releases.filter((r) => (r.stable || spec.allowPrerelease) && fileFor(r));
  const version2 = highestMatch(
    spec,
    candidates.map((r) => r.version)
  );
  const release3 = candidates.find((r) => r.version === version2);
  const file = release3 && fileFor(release3);
  return version2 && file ? { version: version2, file } : void 0;
}
function osVersionFromOsRelease(text5) {
  const m = /^VERSION_ID="?([^"\n]*)"?$/m.exec(text5);
  return m?.[1];
}

// src/python/setup.ts
var PythonSetupError = class extends Error {
  name = "PythonSetupError";
};
var PROBE4 = [
  "import json, platform, sys",
  "try:",
  "    from importlib.metadata import version",
  "    pip = version('pip')",
  "except Exception:",
  "    pip = None",
  "print(json.dumps({'version': platform.python_version(), 'executable': sys.executable, 'prefix': sys.prefix, 'pip': pip}))"
].join("\n");
async function probeInterpreter(host, executable) {
  const result = await host.runner.run(executable, ["-I", "-c", PROBE4], { env: host.env });
  if (result.code !== 0) {
    host.log.debug(`${executable} could not be probed: ${tail(result.output, 5)}`);
    return void 0;
  }
  try {
    const data = JSON.parse(result.stdout);
    return {
      version: data.version,
      executable: data.executable || executable,
      prefix: data.prefix,
      pipVersion: data.pip ?? void 0
    };
  } catch {
    host.log.debug(`${executable} printed no version: ${tail(result.output, 5)}`);
    return void 0;
  }
}
function describe2(spec) {
  return spec.source === "requires-python" ? `requires-python ${spec.text}` : `${spec.source} ${spec.text}`;
}
var isWindows2 = process.platform === "win32";
function binDir(installDir) {
  return import_node_path26.default.join(installDir, isWindows2 ? "Scripts" : "bin");
}
function executableIn(installDir) {
  return isWindows2 ? import_node_path26.default.join(installDir, "python.exe") : import_node_path26.default.join(installDir, "bin", "python3");
}
function candidatesOnPath(host) {
  const dirs = (host.env.PATH ?? "").split(import_node_path26.default.delimiter).filter((d) => d !== "");
  const names = [...Array.from({ length: 40 }, (_, i) => `python3.${40 - i}`), "python3", "python"];
  const found = [];
  for (const dir of dirs) {
    for (const name of names) {
      const file = import_node_path26.default.join(dir, isWindows2 ? `${name}.exe` : name);
      if ((0, import_node_fs23.existsSync)(file)) found.push(file);
    }
  }
  return found;
}
async function fromPath(host, spec) {
  const candidates = candidatesOnPath(host);
  if (spec === void 0) {
    const first = candidates.find((c) => /python3?(\.exe)?$/.test(import_node_path26.default.basename(c)));
    const found = first ? await probeInterpreter(host, first) : void 0;
    if (!found) {
      throw new PythonSetupError(
        "no python3 on PATH, and no version asked for; set python-version (e.g. 3.12)"
      );
    }
    return { ...found, origin: "the python3 on PATH (no version asked for)" };
  }
  const seen = /* @__PURE__ */ new Set();
  const probed = [];
  for (const file of candidates) {
    const interpreter = await probeInterpreter(host, file);
    if (interpreter && !seen.has(interpreter.executable)) {
      seen.add(interpreter.executable);
      probed.push(interpreter);
    }
  }
  const version2 = highestMatch(
    spec,
    probed.map((p) => p.version)
  );
  const chosen = probed.find((p) => p.version === version2);
  if (!chosen) {
    const have = probed.length ? probed.map((p) => `${p.version} (${p.executable})`).join(", ") : "none";
    throw new PythonSetupError(`no Python on PATH matches ${describe2(spec)}; found: ${have}`);
  }
  return { ...chosen, origin: `from PATH (${describe2(spec)})` };
}
async function fetchManifest(url) {
  const http = new HttpClient("python-ci-action");
  let lastError = "";
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const response = await http.get(url);
      const status = response.message.statusCode ?? 0;
      const body = await response.readBody();
      if (status === 200) return parseManifest2(body, url);
      lastError = `HTTP ${status}`;
      if (status === 403 || status === 404 || status === 429) break;
    } catch (error) {
      lastError = errorMessage(error);
    }
    if (attempt < 3) await new Promise((r) => setTimeout(r, 1e3 * attempt));
  }
  throw new PythonSetupError(`could not read the Python versions manifest at ${url}: ${lastError}`);
}
function osVersion2() {
  for (const file of ["/etc/os-release", "/usr/lib/os-release"]) {
    if ((0, import_node_fs23.existsSync)(file)) return osVersionFromOsRelease((0, import_node_fs23.readFileSync)(file, "utf8"));
  }
  return void 0;
}
async function installFromManifest(host, config, spec) {
  const releases = await fetchManifest(config.pythonManifestUrl);
  const target = { platform: process.platform, osVersion: osVersion2(), arch: config.architecture };
  const choice = chooseRelease(releases, spec, target);
  if (!choice) {
    throw new PythonSetupError(
      `no Python matching ${describe2(spec)} for ${target.platform} ${target.osVersion ?? ""} ${target.arch} in the tool cache or in the manifest at ${config.pythonManifestUrl}`.replace(
        / {2,}/g,
        " "
      )
    );
  }
  const why = insecureUrl(
    new URL(choice.file.download_url, config.pythonManifestUrl),
    "the interpreter and its setup.sh would arrive unverified"
  );
  if (why !== void 0) {
    throw new PythonSetupError(
      `the manifest at ${config.pythonManifestUrl} gives Python ${choice.version} at ${JSON.stringify(choice.file.download_url)}, which ${why}; accepted: ${SECURE_URLS}`
    );
  }
  host.log.info(`Downloading Python ${choice.version} from ${choice.file.download_url}`);
  const archive = await downloadTool(choice.file.download_url);
  const extracted = isWindows2 ? await extractZip(archive) : await extractTar(archive);
  const [command, args] = isWindows2 ? ["pwsh", ["-NoLogo", "-NoProfile", "-File", "./setup.ps1"]] : ["bash", ["./setup.sh"]];
  const result = await host.runner.run(command, args, {
    cwd: extracted,
    env: host.env
  });
  if (result.code !== 0) {
    throw new PythonSetupError(
      `installing Python ${choice.version} failed (${command} exited ${result.code}):
${tail(result.output)}`
    );
  }
  const installed = find("Python", choice.version, config.architecture);
  if (!installed)
    throw new PythonSetupError(`installing Python ${choice.version} left nothing in the tool cache`);
  return installed;
}
function exportPython(host, installDir) {
  host.addPath(installDir);
  host.addPath(binDir(installDir));
  for (const name of [
    "pythonLocation",
    "Python_ROOT_DIR",
    "Python2_ROOT_DIR",
    "Python3_ROOT_DIR"
  ]) {
    host.exportVariable(name, installDir);
  }
  host.exportVariable("PKG_CONFIG_PATH", import_node_path26.default.join(installDir, "lib", "pkgconfig"));
}
async function setupPython(host, config, interpreter) {
  if (interpreter) {
    const found2 = await probeInterpreter(host, interpreter);
    if (!found2) throw new PythonSetupError(`${interpreter} is not a working Python interpreter`);
    return { ...found2, origin: "the interpreter given" };
  }
  const spec = config.pythonSpec;
  if (spec === void 0 || !host.onActions || host.toolCacheDir === void 0)
    return fromPath(host, spec);
  const cached = highestMatch(spec, findAllVersions("Python", config.architecture));
  let installDir = cached ? find("Python", cached, config.architecture) : "";
  let how = "from the tool cache";
  if (!installDir) {
    installDir = await installFromManifest(host, config, spec);
    how = "downloaded";
  }
  const found = await probeInterpreter(host, executableIn(installDir));
  if (!found) throw new PythonSetupError(`the Python in ${installDir} does not run`);
  exportPython(host, installDir);
  return { ...found, executable: executableIn(installDir), origin: `${how} (${describe2(spec)})` };
}

// src/python/stage.ts
function pythonStage(host, config, interpreter) {
  return {
    name: "python",
    title: "Set up Python",
    run: () => setupPython(host, config, interpreter),
    describe: (p) => ({ ok: true, summary: `${p.version} at ${p.executable}, ${p.origin}` })
  };
}
function pythonInfo(p) {
  return { version: p.version, path: p.executable, origin: p.origin };
}

// src/test/stage.ts
function describeTests(run) {
  const r = run.results;
  const counts = r ? describeCounts(r) : firstLine2(run.notes[0] ?? `pytest exited ${run.exitCode}`);
  const partial = partialCoverage(r);
  const coverage2 = run.coverage ? `, coverage ${run.coverage.percentDisplay}%${partial ? ` (${partial})` : ""}` : "";
  const stopped = run.stopped && r ? `${run.stopped}; ` : "";
  return { ok: run.ok, summary: `${stopped}${counts}${coverage2}` };
}
function testStage(host, config, installed, files) {
  return {
    name: "test",
    title: "Run pytest under coverage",
    run: (log) => runTests(host, log, config, installed.venv, installed.distName, files),
    describe: describeTests
  };
}

// src/verdict/thresholds.ts
function failsUnder(coverage2, threshold) {
  if (threshold >= 100) return coverage2.percent < 100;
  const precision = coverage2.percentDisplay.split(".")[1]?.length ?? 0;
  return Number(coverage2.percent.toFixed(precision)) < threshold;
}
function failUnderReason(coverage2, threshold) {
  if (threshold === void 0 || coverage2 === void 0) return void 0;
  if (!failsUnder(coverage2, threshold)) return void 0;
  return `coverage ${coverage2.percentDisplay}% is under fail-under ${threshold}%`;
}
function failUnderDiffReason(diff, threshold) {
  if (threshold === void 0 || diff === void 0 || !diff.measured) return void 0;
  if (diff.percentTruncated >= threshold) return void 0;
  return `changed-lines coverage ${diff.percentDisplay}% is under fail-under-diff ${threshold}%`;
}
function maxCoverageDropReason(baseline2, maxDrop) {
  if (maxDrop === void 0 || baseline2?.kind !== "compared") return void 0;
  const shown = Number(baseline2.deltaDisplay);
  if (!(shown < -maxDrop)) return void 0;
  return `coverage dropped ${baseline2.deltaDisplay.slice(1)} points against ${baseline2.branch} (${baseline2.base.percentDisplay}% there), more than max-coverage-drop ${maxDrop}`;
}

// src/verdict/verdict.ts
function plural2(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function failedTests(r) {
  if (r.interrupted !== void 0 && r.tests === 0 && r.collectionErrors > 0)
    return `pytest stopped at ${plural2(r.collectionErrors, "collection error")}, no test ran`;
  const collection = r.collectionErrors ? ` (${r.collectionErrors} during collection)` : "";
  return `${plural2(r.failed, "failure")}, ${plural2(r.errors, "error")}${collection} in ${plural2(r.tests, "test")}`;
}
function verdictOf(config, stages, test, publish, diffCoverage2, baseline2) {
  const reasons = [];
  for (const s of stages) {
    if (s.status !== "failed") continue;
    if (s.name === "publish" && publish !== void 0) continue;
    if (s.name !== "test") {
      reasons.push(`${s.name} failed: ${s.summary}`);
      continue;
    }
    const r = test?.results;
    if (test?.stopped !== void 0) {
      reasons.push(test.stopped);
      if (r && r.failed + r.errors > 0 && config.failOnTestFailure)
        reasons.push(`tests failed: ${failedTests(r)}`);
      continue;
    }
    const testFailure = r !== void 0 && (test?.exitCode === 1 || test?.exitCode === 2);
    const ranNothing = r !== void 0 && !testFailure && collectedNothing(r);
    if (ranNothing) reasons.push(`tests failed: ${NO_TESTS_REASON}`);
    else if (!testFailure) reasons.push(`test failed: ${s.summary}`);
    else if (config.failOnTestFailure) {
      reasons.push(r ? `tests failed: ${failedTests(r)}` : `tests failed: ${s.summary}`);
    }
  }
  const coverageReason = failUnderReason(test?.coverage, config.failUnder);
  if (coverageReason !== void 0) reasons.push(coverageReason);
  else if (config.failUnder !== void 0 && test?.ok && test.coverage === void 0) {
    reasons.push(`fail-under ${config.failUnder}%: no total coverage was measured`);
  }
  const diffReason = failUnderDiffReason(diffCoverage2, config.failUnderDiff);
  if (diffReason !== void 0) reasons.push(diffReason);
  const dropReason = maxCoverageDropReason(baseline2, config.maxCoverageDrop);
  if (dropReason !== void 0) reasons.push(dropReason);
  const published = stages.some((s) => s.name === "publish" && s.status === "failed");
  if (published && publish !== void 0) {
    const own = publish.reasons.filter((r) => !reasons.includes(r));
    for (const r of own) reasons.push(`publish ${publish.status}: ${r}`);
  }
  return { ok: reasons.length === 0, reasons };
}

// src/pipeline.ts
var OUTSIDE_GITHUB = { kind: "not-measured", reason: "outside GitHub Actions" };
async function buildBesideTests(host, work, config, installed, files, progress) {
  let sourceDone = () => {
  };
  const sourceFree = config.build ? new Promise((resolve) => sourceDone = resolve) : Promise.resolve();
  const linting = config.lint ? sourceFree.then(() => runLint(work.runner, installed.venv, config.workingDirectory)) : void 0;
  let testsEnded = () => {
  };
  const testsLogged = new Promise((resolve) => testsEnded = resolve);
  const [build2, test] = await Promise.all([
    config.build ? runStage(host.log, buildStage(work, config, installed, sourceDone), {
      ...config.test && { replayAfter: testsLogged },
      ended: ({ stage: stage2, value: value2 }) => progress.ended(stage2, { build: value2 })
    }) : void 0,
    config.test ? sourceFree.then(
      () => runStage(host.log, testStage(host, config, installed, files), {
        ended: ({ stage: stage2, value: value2 }) => progress.ended(stage2, { test: value2 })
      }).finally(testsEnded)
    ) : void 0
  ]);
  return { build: build2, test, linting };
}
function freshReports(tempDir) {
  (0, import_node_fs24.rmSync)(tempDir, { recursive: true, force: true });
  const files = reportFiles(`${tempDir}/reports`);
  (0, import_node_fs24.mkdirSync)(files.dir, { recursive: true });
  return files;
}
var none = () => ({});
function startBackground(host, config, event, services, github) {
  if (!host.onActions || services === void 0 || github === void 0) return {};
  const { githubToken: token, historyWindow: window } = config;
  const history = fetchHistory(host.env, event, { token, window }, github);
  const baseline2 = { artifacts: services.artifacts, runArtifacts: services.runArtifacts, github };
  const pending = startBaseline(host.env, event, config.comment, token, baseline2);
  return { history, baseline: { pending, services: baseline2 } };
}
async function settleCoverageBaseline(host, config, started, coverage2) {
  if (started === void 0) return void 0;
  const context = {
    env: host.env,
    dir: import_node_path27.default.join(host.tempDir, "baseline"),
    token: config.githubToken
  };
  return host.log.group("Coverage of the base branch", async () => {
    await started.pending.lookup;
    await settle(host.log, started.pending, "baseline", () => void 0);
    return settleBaseline(host.log, started.pending, coverage2, context, started.services);
  });
}
async function settleBesides(log, history, linting) {
  const fetched = await settle(log, history, "success rate", (f) => {
    const h = f?.history ?? OUTSIDE_GITHUB;
    return { status: h.kind === "measured" ? "ok" : "skipped", summary: describeHistory(h) };
  });
  const lint = await settle(
    log,
    linting,
    "lint",
    (run) => run?.result ? { status: "ok", summary: describeLint(run.result) } : void 0
  );
  return { history: fetched?.history ?? OUTSIDE_GITHUB, lint: lint?.result };
}
async function prepare(host, config, options, outages, tell) {
  const { log } = host;
  const python = await runStage(
    log,
    pythonStage(host, config, options.interpreter),
    tell((p) => ({ python: p && pythonInfo(p) }))
  );
  const py = python.value;
  if (!py) return { work: host };
  const restored = await runStage(
    log,
    restoreStage(host, config, options.event, py, options.github?.cache, outages),
    tell((c) => ({ cache: { hit: c?.run?.venvRestored ?? false } }))
  );
  const cacheRun = restored.value?.run;
  const work = cacheRun ? { ...host, env: { ...host.env, PIP_CACHE_DIR: cacheRun.pipCacheDir } } : host;
  const installed = await runStage(log, installStage(work, config, py, cacheRun), tell(none));
  return { py, cacheRun, work, env: installed.value };
}
async function runPipeline(host, config, options) {
  const files = freshReports(host.tempDir);
  const { log } = host;
  const stages = [];
  const progress = options.progress ?? new Progress();
  progress.files = files;
  const tell = (found) => ({
    ended: ({ stage: stage2, value: value2 }) => {
      stages.push(stage2);
      progress.ended(stage2, found(value2));
    }
  });
  const outages = new Outages();
  const { event } = options;
  const services = options.github;
  const github = services && { ...services.api, outages };
  const background = startBackground(host, config, event, services, github);
  const { py, cacheRun, work, env } = await prepare(host, config, options, outages, tell);
  if (!py) stages.push(notRun("install", "no Python"));
  const { build: build2, test, linting } = env ? await buildBesideTests(host, work, config, env, files, progress) : {};
  const notInstalled = py ? "the install failed" : "no Python";
  stages.push(build2?.stage ?? notRun("build", config.build ? notInstalled : "build: false"));
  stages.push(test?.stage ?? notRun("test", config.test ? notInstalled : "test: false"));
  const diffCoverage2 = test?.value?.coverage ? await diffCoverageStage(host, config, event, files.coverageXml, github) : void 0;
  const artifact = build2?.value?.ok === true && py ? await runStage(
    log,
    artifactsStage(host, config, services?.artifacts, build2.value, py.version, outages),
    tell((artifact2) => ({ artifact: artifact2 }))
  ) : void 0;
  const coverage2 = test?.value?.coverage;
  const baseline2 = await settleCoverageBaseline(host, config, background.baseline, coverage2);
  if (cacheRun && env && py && services)
    await runStep(log, saveStep(cacheRun, py, services.cache, outages));
  const failing = verdictOf(config, stages, test?.value, void 0, diffCoverage2, baseline2).reasons;
  const published = await publishStage(host, config, event, services?.publishing, {
    tools: env?.tools,
    build: build2?.value,
    test: test?.value,
    failing
  });
  const publish = published.result;
  tell(() => ({ publish })).ended(published);
  const metrics = {
    ...await settleBesides(log, background.history, linting),
    python: py && pythonInfo(py),
    build: build2?.value,
    artifact: artifact?.value,
    test: test?.value,
    diffCoverage: diffCoverage2,
    baseline: baseline2,
    publish,
    cache: py && { hit: cacheRun?.venvRestored ?? false },
    stages,
    verdict: verdictOf(config, stages, test?.value, publish, diffCoverage2, baseline2)
  };
  const comment = await commentStage(
    host,
    config,
    event,
    github,
    services?.artifacts,
    metrics,
    outages
  );
  outages.report(log);
  return {
    metrics: {
      ...metrics,
      stages: [...stages, comment.stage],
      ...comment.value?.kind === "posted" && { comment: comment.value.comment }
    },
    files
  };
}

// src/report/write.ts
var import_node_fs25 = __toESM(require_node_fs(), 1);
var import_node_path28 = __toESM(require_node_path(), 1);
function writeReport(metrics, dir) {
  const markdown = renderSummary(metrics);
  const file = import_node_path28.default.join(dir, "python-ci-report.md");
  (0, import_node_fs25.writeFileSync)(file, markdown);
  const { body, cut: cut2 } = fitReport(
    "",
    (limits) => renderSummary(metrics, limits),
    (limits) => describeLeftOut(metrics, limits),
    { ...SUMMARY_BUDGET, fullReport: `the full report is in ${codeSpan(file)}` }
  );
  return { markdown, path: file, summary: body, cut: cut2 };
}

export {
  errorMessage,
  changedSinceBuild,
  ConfigError,
  INPUT_DEFAULTS,
  runnerArchitecture,
  commentSettings,
  githubToken,
  loadConfig,
  actionMode,
  loadPublishJobConfig,
  MANIFEST_FILE,
  ManifestError,
  parseManifest,
  compareFileSets,
  ArtifactExistsError,
  SpawnRunner,
  Progress,
  CancelGuard,
  readEventPayload,
  parseRunEvent,
  lineRanges,
  escapeInline,
  formatSize,
  publishSection,
  renderText,
  postRequestedComments,
  FileCommandGuard,
  describeWrites,
  childEnvironment,
  secretsToMask,
  mayHoldCommand,
  withCommandsStopped,
  stageLine,
  skipStage,
  distsDir,
  prepareTools,
  pipIsOffline,
  decideReleaseEvent,
  releaseVersionReasons,
  publishDists,
  describePublish,
  setupPython,
  runPipeline,
  writeReport
};
/*! For license information please see chunk-RFUCEJZC.js.LEGAL.txt */
//# sourceMappingURL=chunk-RFUCEJZC.js.map
