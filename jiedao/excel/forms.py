from django import forms

MSG_NO_FILE = "请选择要导入的文件"


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Excel文件",
        error_messages={"required": MSG_NO_FILE},
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.xls,.ods"}),
        help_text="请使用本台账的模板（.xlsx）填写；整份文件校验通过才会写入。",
    )
