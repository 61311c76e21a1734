"""The demo documents: what arrived at Văn phòng Tỉnh ủy and Ban Tổ chức Tỉnh ủy, what the leaders directed,
and what Văn phòng Tỉnh ủy is drafting. Issuers, signers and numbers are invented; nothing here is secret.

Ages and deadlines are in working days, counted back from the day the demo is loaded: a document that arrived 9
working days ago with 4 working days to handle it is 5 working days late on the deadline overview."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Letterhead:
    lines: tuple[str, ...]
    place: str
    state: bool = False  # a state body (Quốc hiệu, "Số: 8712/UBND-TH") rather than a Party one
    name: str = ""  # issuer name for a body without an issuer code in the demo province


LETTERHEADS = {
    "TW": Letterhead(("BAN CHẤP HÀNH TRUNG ƯƠNG",), "Hà Nội"),
    "VPTW": Letterhead(("BAN CHẤP HÀNH TRUNG ƯƠNG", "VĂN PHÒNG"), "Hà Nội"),
    "BTCTW": Letterhead(("BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TỔ CHỨC"), "Hà Nội"),
    "TU": Letterhead(("ĐẢNG BỘ TỈNH NGHỆ AN", "TỈNH ỦY"), "Nghệ An"),
    "VPTU": Letterhead(("TỈNH ỦY NGHỆ AN", "VĂN PHÒNG"), "Nghệ An"),
    "BTCTU": Letterhead(("TỈNH ỦY NGHỆ AN", "BAN TỔ CHỨC"), "Nghệ An"),
    "BTGDVTU": Letterhead(("TỈNH ỦY NGHỆ AN", "BAN TUYÊN GIÁO VÀ DÂN VẬN"), "Nghệ An"),
    "UBKTTU": Letterhead(("TỈNH ỦY NGHỆ AN", "ỦY BAN KIỂM TRA"), "Nghệ An"),
    "UBND": Letterhead(("ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN"), "Nghệ An", state=True),
    "SNV": Letterhead(("UBND TỈNH NGHỆ AN", "SỞ NỘI VỤ"), "Nghệ An", state=True, name="Sở Nội vụ tỉnh Nghệ An"),
}


@dataclass(frozen=True)
class Handling:
    """What the agency leader directed and what the departments did. Departments by code suffix (TH, CB, …)."""

    direction: str
    lead: str
    deadline_days: int  # working days the leader gave, from the day of the direction
    coordinate: tuple[str, ...] = ()
    inform: tuple[str, ...] = ()  # informed units get no deadline
    passed_on_to: str = ""  # the username the lead department's head passed the work on to
    comment: str = ""  # the handler's progress note
    completed: str = ""  # the completion note; empty while it is still being handled


@dataclass(frozen=True)
class IncomingDemo:
    agency: str  # the receiving agency's code
    issuer: str  # a key of LETTERHEADS: the Issuer code when the province has one
    symbol: str
    doc_type: str  # a DocumentType name
    summary: str
    addressee: str
    body: tuple[str, ...]
    signer_title: str  # lines separated by "\n"
    signer: str  # a name, or "@username" for someone of the demo province
    age: int  # working days since it arrived (0: today)
    urgency: str = "normal"
    handling: Handling | None = None  # None: awaiting the leader's direction


@dataclass(frozen=True)
class OutgoingDemo:
    drafter: str  # username; the approval chain is the drafter's department head, then the agency leader
    doc_type: str
    summary: str
    addressee: str
    body: tuple[str, ...]
    stage: str  # "draft", "at_head", "at_leader" or "issued"
    recipients: tuple[str, ...] = ()  # agencies in the system: they receive it when it is issued
    external_recipients: str = ""
    in_reply_to: str = ""  # the symbol of the incoming demo document it answers
    urgency: str = "normal"


INCOMING = [
    # Văn phòng Tỉnh ủy ------------------------------------------------------------------------------------
    IncomingDemo(
        agency="VPTU", issuer="VPTW", symbol="412-CV/VPTW", doc_type="Công văn", age=14,
        summary="Về việc hướng dẫn lập hồ sơ và nộp lưu hồ sơ, tài liệu điện tử vào Lưu trữ cơ quan",
        addressee="Văn phòng các tỉnh ủy, thành ủy",
        body=(
            "Thực hiện Quy định số 693-QĐ/VPTW về công tác văn thư trong các cơ quan, tổ chức đảng, Văn phòng Trung "
            "ương Đảng hướng dẫn việc lập hồ sơ điện tử và nộp lưu hồ sơ, tài liệu điện tử vào Lưu trữ cơ quan "
            "như sau.",
            "Các cơ quan, tổ chức đảng ban hành danh mục hồ sơ ngay từ đầu năm; mỗi văn bản đi, văn bản đến được gắn "
            "với một hồ sơ trong danh mục. Hồ sơ điện tử phải bảo đảm tính xác thực, toàn vẹn và khả năng truy cập "
            "lâu dài; tệp văn bản ở định dạng PDF/A, kèm siêu dữ liệu theo quy định.",
            "Thời hạn nộp lưu hồ sơ điện tử vào Lưu trữ cơ quan là 01 năm kể từ ngày công việc kết thúc. Văn phòng "
            "cấp ủy chủ trì kiểm tra, hướng dẫn nghiệp vụ và tổng hợp kết quả, báo cáo về Văn phòng Trung ương Đảng.",
        ),
        signer_title="K/T Chánh Văn phòng\nPhó Chánh Văn phòng", signer="Trần Minh Khoa",
        handling=Handling(
            direction="Giao Phòng Hành chính – Lưu trữ chủ trì nghiên cứu, triển khai trong toàn cơ quan; Phòng "
                      "Tổng hợp biết.",
            lead="HCLT", inform=("TH",), deadline_days=8, passed_on_to="chuyenvien_vptu_hclt",
            completed="Đã ban hành danh mục hồ sơ điện tử năm 2026 và hướng dẫn các phòng lập hồ sơ.",
        ),
    ),
    IncomingDemo(
        agency="VPTU", issuer="TU", symbol="45-KH/TU", doc_type="Kế hoạch", age=9, urgency="urgent",
        summary="Kế hoạch tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ năm, khóa XX",
        addressee="",
        body=(
            "Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XX, nhiệm kỳ 2025 – 2030, Ban Thường vụ Tỉnh "
            "ủy xây dựng kế hoạch tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ năm.",
            "Hội nghị đánh giá tình hình thực hiện nhiệm vụ chính trị năm 2026, quyết định phương hướng, nhiệm vụ năm "
            "2027; xem xét báo cáo kiểm điểm sự lãnh đạo, chỉ đạo của Ban Thường vụ và công tác cán bộ.",
            "Văn phòng Tỉnh ủy chủ trì chuẩn bị tài liệu, hội trường, hậu cần và bảo đảm hệ thống họp không giấy; "
            "phối hợp các ban đảng hoàn thiện dự thảo báo cáo, gửi đại biểu chậm nhất 05 ngày trước hội nghị.",
        ),
        signer_title="T/M Ban Thường vụ\nPhó Bí thư Thường trực", signer="Nguyễn Đình Thắng",
        handling=Handling(
            direction="Phòng Tổng hợp chủ trì, Phòng Quản trị – Tài vụ phối hợp chuẩn bị tài liệu, hậu cần hội "
                      "nghị; Phòng Hành chính – Lưu trữ biết.",
            lead="TH", coordinate=("QTTV",), inform=("HCLT",), deadline_days=4,
            passed_on_to="chuyenvien_vptu_th",
            comment="Đã lập danh mục tài liệu hội nghị, đang chờ các ban gửi dự thảo báo cáo.",
        ),
    ),
    IncomingDemo(
        agency="VPTU", issuer="UBND", symbol="8712/UBND-TH", doc_type="Công văn", age=8,
        summary="Về việc triển khai các giải pháp phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa bão năm 2026",
        addressee="Các sở, ban, ngành cấp tỉnh; Văn phòng Tỉnh ủy",
        body=(
            "Theo dự báo của Đài Khí tượng thủy văn tỉnh, từ nay đến cuối năm trên địa bàn tỉnh có khả năng xuất "
            "hiện 2 đến 3 cơn bão, áp thấp nhiệt đới, kèm mưa lớn, lũ quét và sạt lở đất ở các huyện miền núi.",
            "Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị rà soát phương án phòng, chống thiên tai tại trụ sở, "
            "kiểm tra hệ thống thoát nước, kho lưu trữ, máy phát điện dự phòng; bố trí lực lượng trực 24/24 giờ.",
            "Các cơ quan báo cáo kết quả triển khai về Văn phòng Ủy ban nhân dân tỉnh để tổng hợp.",
        ),
        signer_title="K/T Chủ tịch\nPhó Chủ tịch", signer="Lê Văn Hòa",
        handling=Handling(
            direction="Giao Phòng Quản trị – Tài vụ kiểm tra trụ sở, kho lưu trữ và máy phát điện, báo cáo kết "
                      "quả.",
            lead="QTTV", deadline_days=5,
        ),
    ),
    IncomingDemo(
        agency="VPTU", issuer="VPTW", symbol="398-TB/VPTW", doc_type="Thông báo", age=7,
        summary="Thông báo kết luận của Thường trực Ban Bí thư về chuyển đổi số trong các cơ quan Đảng",
        addressee="Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương",
        body=(
            "Thường trực Ban Bí thư ghi nhận kết quả bước đầu của việc triển khai văn phòng điện tử, chữ ký số và "
            "họp không giấy trong các cơ quan Đảng; tỷ lệ văn bản điện tử gửi nhận trên mạng đạt trên 90%.",
            "Yêu cầu các cấp ủy tiếp tục hoàn thiện hạ tầng, bảo đảm an toàn thông tin; chỉ gửi nhận văn bản không "
            "thuộc danh mục bí mật nhà nước trên mạng thông tin diện rộng của Đảng; đào tạo kỹ năng số cho cán bộ.",
            "Văn phòng cấp ủy tham mưu xây dựng kế hoạch chuyển đổi số giai đoạn 2026 – 2030, báo cáo cấp ủy.",
        ),
        signer_title="T/L Ban Bí thư\nChánh Văn phòng", signer="Đỗ Quang Vinh",
        handling=Handling(
            direction="Phòng Cơ yếu – Công nghệ thông tin chủ trì tham mưu kế hoạch chuyển đổi số; Phòng Tổng hợp "
                      "phối hợp.",
            lead="CYCNTT", coordinate=("TH",), deadline_days=10, passed_on_to="chuyenvien_vptu_cycntt",
        ),
    ),
    IncomingDemo(
        agency="VPTU", issuer="TU", symbol="312-TB/TU", doc_type="Thông báo", age=6,
        summary="Thông báo ý kiến của Thường trực Tỉnh ủy về chương trình công tác tháng 12 năm 2026",
        addressee="Các ban đảng, Văn phòng Tỉnh ủy",
        body=(
            "Thường trực Tỉnh ủy thống nhất chương trình công tác tháng 12 năm 2026, tập trung tổng kết năm, chuẩn "
            "bị Hội nghị Ban Chấp hành Đảng bộ tỉnh và kiểm điểm tập thể, cá nhân cuối năm.",
            "Các ban đảng chủ động rà soát nhiệm vụ được giao trong chương trình, gửi Văn phòng Tỉnh ủy trước ngày "
            "05 tháng 12 để tổng hợp, trình Thường trực Tỉnh ủy.",
        ),
        signer_title="T/L Ban Thường vụ\nChánh Văn phòng", signer="@lanhdao_vptu",
        handling=Handling(
            direction="Phòng Tổng hợp chủ trì theo dõi, đôn đốc thực hiện chương trình công tác.",
            lead="TH", deadline_days=5, passed_on_to="chuyenvien2_vptu_th",
            completed="Đã đưa các nhiệm vụ vào chương trình công tác tháng 12 và gửi các ban đảng.",
        ),
    ),
    IncomingDemo(
        agency="VPTU", issuer="VPTW", symbol="425-CV/VPTW", doc_type="Công văn", age=3,
        summary="Về việc báo cáo kết quả công tác văn thư, lưu trữ năm 2026",
        addressee="Văn phòng các tỉnh ủy, thành ủy",
        body=(
            "Để tổng hợp, đánh giá công tác văn thư, lưu trữ trong các cơ quan Đảng năm 2026, Văn phòng Trung ương "
            "Đảng đề nghị văn phòng các tỉnh ủy, thành ủy báo cáo các nội dung sau.",
            "Số văn bản đi, văn bản đến; tỷ lệ văn bản điện tử; việc lập hồ sơ công việc và nộp lưu; tình hình "
            "sử dụng phần mềm quản lý văn bản và điều hành; những khó khăn, vướng mắc và kiến nghị.",
            "Báo cáo gửi về Văn phòng Trung ương Đảng (Vụ Lưu trữ) bằng văn bản điện tử trên mạng thông tin diện rộng "
            "của Đảng trước ngày 15 tháng 12 năm 2026.",
        ),
        signer_title="K/T Chánh Văn phòng\nPhó Chánh Văn phòng", signer="Trần Minh Khoa",
        handling=Handling(
            direction="Phòng Tổng hợp chủ trì, Phòng Hành chính – Lưu trữ phối hợp xây dựng báo cáo, trình lãnh "
                      "đạo Văn phòng.",
            lead="TH", coordinate=("HCLT",), deadline_days=4, passed_on_to="chuyenvien_vptu_th",
            comment="Đã tổng hợp số liệu văn bản đi, đến; đang dự thảo báo cáo.",
        ),
    ),
    IncomingDemo(
        agency="VPTU", issuer="BTGDVTU", symbol="156-CV/BTGDVTU", doc_type="Công văn", age=1, urgency="flash",
        summary="Về việc cung cấp tài liệu phục vụ tuyên truyền kỷ niệm 97 năm Ngày thành lập Đảng",
        addressee="Văn phòng Tỉnh ủy",
        body=(
            "Thực hiện kế hoạch tuyên truyền kỷ niệm 97 năm Ngày thành lập Đảng Cộng sản Việt Nam, Ban Tuyên giáo và "
            "Dân vận Tỉnh ủy đề nghị Văn phòng Tỉnh ủy cung cấp tư liệu, hình ảnh tư liệu về lịch sử Đảng bộ tỉnh "
            "đang lưu giữ tại Kho lưu trữ Tỉnh ủy.",
            "Tài liệu được sử dụng để biên soạn đề cương tuyên truyền và tổ chức triển lãm ảnh tại Quảng trường "
            "Hồ Chí Minh; Ban Tuyên giáo và Dân vận chịu trách nhiệm bảo quản và hoàn trả đầy đủ.",
        ),
        signer_title="K/T Trưởng ban\nPhó Trưởng ban", signer="@pholanhdao_btgdvtu",
        handling=Handling(
            direction="Phòng Hành chính – Lưu trữ khẩn trương lựa chọn tư liệu, lập biên bản giao nhận.",
            lead="HCLT", deadline_days=3,
        ),
    ),
    IncomingDemo(
        agency="VPTU", issuer="TW", symbol="58-CT/TW", doc_type="Chỉ thị", age=1,
        summary="Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với công tác phòng cháy, chữa cháy và cứu nạn, "
                "cứu hộ",
        addressee="",
        body=(
            "Thời gian qua, tình hình cháy, nổ diễn biến phức tạp, gây thiệt hại lớn về người và tài sản. Để tăng "
            "cường sự lãnh đạo của Đảng đối với công tác phòng cháy, chữa cháy, Ban Bí thư yêu cầu các cấp ủy, tổ "
            "chức đảng thực hiện tốt các nhiệm vụ sau.",
            "Người đứng đầu cấp ủy chịu trách nhiệm trực tiếp về công tác phòng cháy, chữa cháy tại cơ quan, đơn vị; "
            "định kỳ kiểm tra hệ thống điện, phương tiện chữa cháy; tổ chức diễn tập phương án chữa cháy tại chỗ.",
            "Các tỉnh ủy, thành ủy tổ chức quán triệt Chỉ thị, xây dựng kế hoạch thực hiện, báo cáo kết quả về Ban "
            "Bí thư (qua Văn phòng Trung ương Đảng).",
        ),
        signer_title="T/M Ban Bí thư", signer="Nguyễn Hồng Sơn",
    ),
    IncomingDemo(
        agency="VPTU", issuer="UBND", symbol="9034/UBND-KT", doc_type="Công văn", age=0, urgency="very_urgent",
        summary="Về việc đề nghị cho ý kiến dự thảo Đề án sắp xếp trụ sở làm việc của các cơ quan cấp tỉnh",
        addressee="Văn phòng Tỉnh ủy; các sở, ban, ngành cấp tỉnh",
        body=(
            "Ủy ban nhân dân tỉnh đang hoàn thiện Đề án sắp xếp, bố trí trụ sở làm việc của các cơ quan cấp tỉnh sau "
            "khi sắp xếp tổ chức bộ máy. Đề nghị các cơ quan nghiên cứu, cho ý kiến bằng văn bản về dự thảo Đề án.",
            "Ý kiến tập trung vào nhu cầu diện tích làm việc, kho lưu trữ, hội trường và phương án sử dụng trụ sở "
            "dôi dư; gửi về Sở Tài chính để tổng hợp trong thời hạn 05 ngày làm việc.",
        ),
        signer_title="K/T Chủ tịch\nPhó Chủ tịch", signer="Lê Văn Hòa",
    ),
    # Ban Tổ chức Tỉnh ủy ----------------------------------------------------------------------------------
    IncomingDemo(
        agency="BTCTU", issuer="BTCTW", symbol="25-HD/BTCTW", doc_type="Hướng dẫn", age=12,
        summary="Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên năm 2026",
        addressee="",
        body=(
            "Căn cứ Quy định của Bộ Chính trị về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, "
            "cá nhân trong hệ thống chính trị, Ban Tổ chức Trung ương hướng dẫn thực hiện năm 2026 như sau.",
            "Việc kiểm điểm gắn với kết quả thực hiện nhiệm vụ chính trị, chỉ số đánh giá theo sản phẩm cụ thể; đảng "
            "viên tự đánh giá, chi bộ nhận xét, cấp ủy cấp trên trực tiếp quyết định xếp loại.",
            "Thời gian hoàn thành kiểm điểm ở chi bộ trước ngày 31 tháng 12 năm 2026; các tỉnh ủy báo cáo kết quả "
            "đánh giá, xếp loại về Ban Tổ chức Trung ương trước ngày 28 tháng 02 năm 2027.",
        ),
        signer_title="K/T Trưởng ban\nPhó Trưởng ban Thường trực", signer="Vũ Đức Thành",
        handling=Handling(
            direction="Phòng Tổ chức đảng – đảng viên chủ trì tham mưu văn bản hướng dẫn của Ban Thường vụ Tỉnh ủy.",
            lead="TCDDV", deadline_days=7, passed_on_to="chuyenvien_btctu_tcddv",
            completed="Đã trình Ban Thường vụ ban hành Hướng dẫn số 18-HD/TU.",
        ),
    ),
    IncomingDemo(
        agency="BTCTU", issuer="SNV", symbol="2145/SNV-TCBC", doc_type="Công văn", age=9,
        summary="Về việc phối hợp rà soát quy hoạch cán bộ lãnh đạo, quản lý các sở, ngành nhiệm kỳ 2026 – 2031",
        addressee="Ban Tổ chức Tỉnh ủy",
        body=(
            "Thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy về công tác quy hoạch cán bộ, Sở Nội vụ đề nghị Ban Tổ chức "
            "Tỉnh ủy phối hợp rà soát danh sách quy hoạch cán bộ lãnh đạo, quản lý các sở, ngành.",
            "Nội dung rà soát gồm tiêu chuẩn chính trị, trình độ, độ tuổi, kết quả đánh giá cán bộ ba năm gần nhất; "
            "đề xuất bổ sung, đưa ra khỏi quy hoạch theo quy định.",
        ),
        signer_title="Giám đốc", signer="Phạm Văn Bình",
        handling=Handling(
            direction="Phòng Cán bộ chủ trì phối hợp với Sở Nội vụ.",
            lead="CB", deadline_days=5, passed_on_to="chuyenvien2_btctu_cb",
            completed="Đã gửi Sở Nội vụ kết quả rà soát quy hoạch.",
        ),
    ),
    IncomingDemo(
        agency="BTCTU", issuer="TU", symbol="47-KH/TU", doc_type="Kế hoạch", age=7, urgency="urgent",
        summary="Kế hoạch bồi dưỡng, cập nhật kiến thức cho cán bộ diện Ban Thường vụ Tỉnh ủy quản lý năm 2027",
        addressee="",
        body=(
            "Nhằm nâng cao năng lực lãnh đạo, quản lý và kỹ năng chuyển đổi số cho đội ngũ cán bộ, Ban Thường vụ Tỉnh "
            "ủy ban hành kế hoạch bồi dưỡng, cập nhật kiến thức năm 2027.",
            "Đối tượng là cán bộ diện Ban Thường vụ Tỉnh ủy quản lý; hình thức tập trung tại Trường Chính trị tỉnh kết "
            "hợp trực tuyến; nội dung gồm nghị quyết mới của Trung ương, quản trị địa phương và kinh tế số.",
            "Ban Tổ chức Tỉnh ủy chủ trì lập danh sách học viên, phối hợp Trường Chính trị tỉnh xây dựng chương trình.",
        ),
        signer_title="T/M Ban Thường vụ\nPhó Bí thư", signer="Nguyễn Đình Thắng",
        handling=Handling(
            direction="Phòng Cán bộ chủ trì lập danh sách học viên, Phòng Bảo vệ chính trị phối hợp.",
            lead="CB", coordinate=("BVCT",), deadline_days=5, passed_on_to="chuyenvien_btctu_cb",
        ),
    ),
    IncomingDemo(
        agency="BTCTU", issuer="BTCTW", symbol="1187-CV/BTCTW", doc_type="Công văn", age=5,
        summary="Về việc rà soát, cập nhật cơ sở dữ liệu đảng viên trên hệ thống thông tin quốc gia",
        addressee="Ban tổ chức các tỉnh ủy, thành ủy",
        body=(
            "Ban Tổ chức Trung ương đề nghị ban tổ chức các tỉnh ủy, thành ủy chỉ đạo rà soát, cập nhật đầy đủ, chính "
            "xác thông tin đảng viên trong Cơ sở dữ liệu đảng viên, đồng bộ với Cơ sở dữ liệu quốc gia về dân cư.",
            "Tập trung cập nhật số định danh cá nhân, quá trình công tác, khen thưởng, kỷ luật; đối chiếu số lượng "
            "đảng viên với báo cáo thống kê cuối năm; hoàn thành trước ngày 31 tháng 12 năm 2026.",
        ),
        signer_title="K/T Trưởng ban\nPhó Trưởng ban", signer="Đặng Thị Lan Anh",
        handling=Handling(
            direction="Phòng Tổ chức đảng – đảng viên chủ trì, đôn đốc các đảng bộ trực thuộc cập nhật dữ liệu; "
                      "Phòng Cán bộ biết.",
            lead="TCDDV", inform=("CB",), deadline_days=7,
        ),
    ),
    IncomingDemo(
        agency="BTCTU", issuer="UBKTTU", symbol="86-CV/UBKTTU", doc_type="Công văn", age=4,
        summary="Về việc phối hợp cung cấp hồ sơ đảng viên phục vụ công tác kiểm tra",
        addressee="Ban Tổ chức Tỉnh ủy",
        body=(
            "Thực hiện chương trình kiểm tra, giám sát năm 2026, Ủy ban Kiểm tra Tỉnh ủy đề nghị Ban Tổ chức Tỉnh ủy "
            "phối hợp cung cấp bản sao hồ sơ đảng viên, phiếu đảng viên và bản kê khai tài sản của các đồng chí có tên "
            "trong danh sách kèm theo.",
            "Hồ sơ được quản lý, sử dụng đúng mục đích và hoàn trả sau khi kết thúc cuộc kiểm tra.",
        ),
        signer_title="K/T Chủ nhiệm\nPhó Chủ nhiệm", signer="@pholanhdao_ubkttu",
        handling=Handling(
            direction="Phòng Bảo vệ chính trị chủ trì, chuẩn bị hồ sơ theo đề nghị.",
            lead="BVCT", deadline_days=15, passed_on_to="chuyenvien2_btctu_bvct",
        ),
    ),
    IncomingDemo(
        agency="BTCTU", issuer="TU", symbol="90-TB/TU", doc_type="Thông báo", age=3,
        summary="Thông báo kết luận của Ban Thường vụ Tỉnh ủy về công tác phát triển đảng viên năm 2026",
        addressee="",
        body=(
            "Ban Thường vụ Tỉnh ủy ghi nhận kết quả kết nạp đảng viên mới năm 2026 đạt 104% chỉ tiêu; chất lượng "
            "đảng viên mới được nâng lên, tỷ lệ đảng viên trẻ và đảng viên trong doanh nghiệp tư nhân tăng.",
            "Yêu cầu Ban Tổ chức Tỉnh ủy hướng dẫn các đảng bộ tạo nguồn kết nạp đảng viên ở thôn, bản chưa có chi "
            "bộ, trong doanh nghiệp ngoài khu vực nhà nước; báo cáo Ban Thường vụ trong quý I năm 2027.",
        ),
        signer_title="T/L Ban Thường vụ\nChánh Văn phòng", signer="@lanhdao_vptu",
        handling=Handling(
            direction="Phòng Tổ chức đảng – đảng viên chủ trì tham mưu triển khai kết luận; Phòng Cán bộ phối hợp.",
            lead="TCDDV", coordinate=("CB",), deadline_days=10, passed_on_to="chuyenvien2_btctu_tcddv",
        ),
    ),
    IncomingDemo(
        agency="BTCTU", issuer="BTCTW", symbol="1203-CV/BTCTW", doc_type="Công văn", age=0,
        summary="Về việc báo cáo số liệu thống kê đội ngũ cán bộ, công chức cơ quan Đảng năm 2026",
        addressee="Ban tổ chức các tỉnh ủy, thành ủy",
        body=(
            "Để phục vụ tổng kết công tác tổ chức xây dựng Đảng năm 2026, Ban Tổ chức Trung ương đề nghị ban tổ chức "
            "các tỉnh ủy, thành ủy báo cáo số liệu thống kê đội ngũ cán bộ, công chức trong các cơ quan Đảng.",
            "Số liệu tính đến ngày 30 tháng 11 năm 2026, theo các biểu mẫu kèm theo, gửi bằng văn bản điện tử.",
        ),
        signer_title="K/T Trưởng ban\nPhó Trưởng ban", signer="Đặng Thị Lan Anh",
    ),
]


OUTGOING = [
    OutgoingDemo(
        drafter="chuyenvien_vptu_th", doc_type="Báo cáo", stage="draft", in_reply_to="425-CV/VPTW",
        summary="Báo cáo kết quả công tác văn thư, lưu trữ năm 2026 của các cơ quan Đảng tỉnh Nghệ An",
        addressee="Văn phòng Trung ương Đảng", external_recipients="Văn phòng Trung ương Đảng (Vụ Lưu trữ)",
        body=(
            "Thực hiện Công văn số 425-CV/VPTW của Văn phòng Trung ương Đảng, Văn phòng Tỉnh ủy Nghệ An báo cáo kết "
            "quả công tác văn thư, lưu trữ năm 2026 như sau.",
            "Các cơ quan Đảng tỉnh đã sử dụng thống nhất phần mềm văn phòng điện tử; văn bản đến được đăng ký, số hóa "
            "và chuyển xử lý trên hệ thống; văn bản đi được ký số và phát hành điện tử giữa các ban đảng.",
            "Khó khăn: kho lưu trữ còn chật hẹp, việc số hóa tài liệu giấy giai đoạn trước năm 2015 chưa hoàn thành. "
            "Kiến nghị Văn phòng Trung ương Đảng hỗ trợ kinh phí số hóa tài liệu lưu trữ.",
        ),
    ),
    OutgoingDemo(
        drafter="chuyenvien2_vptu_th", doc_type="Tờ trình", stage="at_head",
        summary="Tờ trình về việc ban hành Quy chế quản lý, sử dụng hệ thống văn phòng điện tử các cơ quan Đảng tỉnh",
        addressee="Thường trực Tỉnh ủy",
        body=(
            "Để thống nhất việc quản lý, sử dụng hệ thống văn phòng điện tử trong các cơ quan Đảng tỉnh, Văn phòng "
            "Tỉnh ủy kính trình Thường trực Tỉnh ủy xem xét, ban hành Quy chế kèm theo.",
            "Dự thảo Quy chế quy định trách nhiệm của văn thư, chuyên viên, lãnh đạo trong tiếp nhận, xử lý văn bản "
            "trên hệ thống; việc quản lý tài khoản, xác thực hai lớp và nhật ký truy cập.",
        ),
    ),
    OutgoingDemo(
        drafter="chuyenvien_vptu_hclt", doc_type="Kế hoạch", stage="at_leader",
        summary="Kế hoạch kiểm tra công tác văn thư, lưu trữ tại các ban đảng, đảng ủy trực thuộc năm 2027",
        addressee="",
        body=(
            "Nhằm đánh giá việc chấp hành quy định về công tác văn thư, lưu trữ, Văn phòng Tỉnh ủy xây dựng kế hoạch "
            "kiểm tra tại các ban đảng, đảng ủy trực thuộc Tỉnh ủy năm 2027.",
            "Nội dung kiểm tra gồm việc đăng ký, quản lý văn bản đi, đến; lập hồ sơ và nộp lưu; bảo quản tài liệu "
            "tại kho lưu trữ; thời gian kiểm tra trong quý II năm 2027.",
        ),
    ),
    OutgoingDemo(
        drafter="chuyenvien_vptu_th", doc_type="Công văn", stage="issued", recipients=("BTCTU", "BTGDVTU"),
        summary="Về việc đề nghị cung cấp thông tin phục vụ xây dựng báo cáo tổng kết công tác năm 2026",
        addressee="Ban Tổ chức Tỉnh ủy; Ban Tuyên giáo và Dân vận Tỉnh ủy",
        body=(
            "Để chuẩn bị báo cáo tổng kết công tác năm 2026 trình Hội nghị Ban Chấp hành Đảng bộ tỉnh, Văn phòng Tỉnh "
            "ủy đề nghị các ban cung cấp thông tin về kết quả thực hiện nhiệm vụ được giao trong năm.",
            "Thông tin gồm kết quả nổi bật, hạn chế, nguyên nhân và đề xuất nhiệm vụ năm 2027; gửi về Văn phòng Tỉnh "
            "ủy (qua Phòng Tổng hợp) bằng văn bản điện tử.",
        ),
    ),
]
